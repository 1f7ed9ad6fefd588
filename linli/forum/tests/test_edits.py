"""Authors fix their topics and replies (edit history for moderators), and keep topic drafts."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.community.models import Resident
from linli.forum import actions
from linli.forum import actions as edit_actions
from linli.forum.models import Revision, SearchEntry, Topic, TopicDraft
from linli.moderation.models import Case
from linli.notify.models import Notification

# Who may edit a post of `resident` (the author), and who may read its edit history.
ROLES = [
    "secretary",
    "staff",
    "leader",
    "resident",
    "housemate",
    "neighbour",
    "far_resident",
    "owners",
    "property",
    "street_staff",
    "other_staff",
    "unverified",
    "anonymous",
]
EDIT = {"resident"}
HISTORY = {"resident", "secretary", "staff"}


@pytest.fixture
def reply(people, topic):
    return actions.reply_create(author=people["resident"], topic=topic, body="我先说：放在东门")


@pytest.mark.parametrize("who", ROLES)
def test_permission_table_of_editing_and_history(people, topic, reply, who):
    user = people[who]
    assert user.has_perm("forum.edit_post", topic) is (who in EDIT)
    assert user.has_perm("forum.edit_post", reply) is (who in EDIT)
    assert user.has_perm("forum.view_history", topic) is (who in HISTORY)
    assert user.has_perm("forum.view_history", reply) is (who in HISTORY)


@pytest.mark.parametrize("who", ROLES)
def test_edit_and_history_pages_and_api_follow_the_table(client, login, people, topic, reply, who):
    edit_actions.topic_edit(
        actor=people["resident"], topic=topic, title="新垃圾房建在哪里？（改）", body="改过的内容"
    )
    edit_actions.reply_edit(actor=people["resident"], reply=reply, body="改：放在西门")
    c = client if who == "anonymous" else login(people[who])
    can_edit, can_read = who in EDIT, who in HISTORY
    for url in (
        reverse("forum:topic-edit", args=[topic.pk]),
        reverse("forum:reply-edit", args=[reply.pk]),
    ):
        response = c.get(url)
        assert (response.status_code == 200) is can_edit, (url, response.status_code)
    for kind, pk in (("t", topic.pk), ("r", reply.pk)):
        page = c.get(reverse("forum:post-history", args=[kind, pk]))
        assert (page.status_code == 200) is can_read, (kind, page.status_code)
        if can_read:
            assert "大家说说" in page.content.decode() or "放在东门" in page.content.decode()
    for path in (
        f"/api/v1/forum/topics/{topic.pk}/revisions",
        f"/api/v1/forum/replies/{reply.pk}/revisions",
    ):
        api = c.get(path)
        assert (api.status_code == 200) is can_read, (path, api.status_code)
        if can_read:
            assert len(api.json()["items"]) == 1
    # The detail page offers the links to exactly these people.
    body = c.get(topic.get_absolute_url()).content.decode()
    assert (reverse("forum:topic-edit", args=[topic.pk]) in body) is can_edit
    assert (reverse("forum:post-history", args=["t", topic.pk]) in body) is can_read
    assert (reverse("forum:reply-edit", args=[reply.pk]) in body) is can_edit


def test_an_edit_keeps_the_earlier_text_and_updates_search(people, topic):
    before = topic.body
    edited = edit_actions.topic_edit(
        actor=people["resident"], topic=topic, title=topic.title, body="**东门** 旁边的空地"
    )
    assert edited.edited_at is not None
    assert "<strong>东门</strong>" in Topic.objects.get(pk=topic.pk).body_html
    [rev] = Revision.objects.filter(topic=topic, reply=None)
    assert rev.body == before and rev.editor_id == people["resident"].pk
    entry = SearchEntry.objects.get(topic=topic, reply=None)
    assert "空地" in entry.body_tokens


def test_an_unchanged_text_saves_no_revision(people, topic):
    edit_actions.topic_edit(
        actor=people["resident"], topic=topic, title=topic.title, body=topic.body
    )
    assert not Revision.objects.exists()


def test_someone_else_cannot_edit_and_nothing_changes(people, topic, reply):
    for who in ("staff", "neighbour"):
        with pytest.raises(PermissionDenied):
            edit_actions.topic_edit(actor=people[who], topic=topic, title="x", body="y")
        with pytest.raises(PermissionDenied):
            edit_actions.reply_edit(actor=people[who], reply=reply, body="y")
    topic.refresh_from_db()
    assert topic.title == "新垃圾房建在哪里？" and not Revision.objects.exists()


@pytest.mark.parametrize(
    "body", ["<script>alert(1)</script>", "[x](javascript:alert(1))", "", "字" * 10_001]
)
def test_bad_text_in_an_edit_is_refused_and_changes_nothing(people, topic, reply, body):
    with pytest.raises(ValidationError):
        edit_actions.topic_edit(actor=people["resident"], topic=topic, title="t", body=body)
    with pytest.raises(ValidationError):
        edit_actions.reply_edit(actor=people["resident"], reply=reply, body=body)
    assert Topic.objects.get(pk=topic.pk).body == topic.body
    assert not Revision.objects.exists()


def test_raw_html_that_passes_the_checks_is_still_sanitised(people, topic):
    edit_actions.topic_edit(
        actor=people["resident"], topic=topic, title="t", body="<u>u</u> [link](http://a.b)"
    )
    html = Topic.objects.get(pk=topic.pk).body_html
    assert "<u>" not in html and 'rel="nofollow noopener noreferrer"' in html


def test_an_edit_the_spam_screen_holds_hides_the_post_until_review(people, topic, reply):
    Resident.objects.filter(pk=people["resident"].pk).update(date_joined=timezone.now())
    author = Resident.objects.get(pk=people["resident"].pk)
    edited = edit_actions.topic_edit(
        actor=author, topic=topic, title="出闲置", body="出闲置，有意加微信 ab12"
    )
    assert edited.held and Topic.objects.get(pk=topic.pk).hidden
    assert Case.objects.filter(object_id=topic.pk, status=Case.Status.OPEN, hidden=True).exists()
    Resident.objects.filter(pk=author.pk).update(date_joined=timezone.now() - timedelta(days=400))


def test_a_newly_mentioned_person_is_told_once(people, topic):
    neighbour = people["neighbour"]
    edit_actions.topic_edit(
        actor=people["resident"], topic=topic, title=topic.title, body=f"问问 @{neighbour.username}"
    )
    edit_actions.topic_edit(
        actor=people["resident"],
        topic=topic,
        title=topic.title,
        body=f"再问问 @{neighbour.username}",
    )
    assert Notification.objects.filter(recipient=neighbour, kind="forum.mention").count() == 1


def test_editing_through_the_page_without_javascript(login, people, topic):
    c = login(people["resident"])
    response = c.post(
        reverse("forum:topic-edit", args=[topic.pk]),
        {"title": "改过的标题", "body": "改过的内容"},
        follow=True,
    )
    body = response.content.decode()
    assert "改过的标题" in body and "已编辑" in body
    bad = c.post(reverse("forum:topic-edit", args=[topic.pk]), {"title": "", "body": "x"})
    assert bad.status_code == 422
    assert Topic.objects.get(pk=topic.pk).title == "改过的标题"


def test_editing_over_the_api(login, people, topic, reply):
    c = login(people["resident"])
    ok = c.patch(
        f"/api/v1/forum/replies/{reply.pk}",
        {"body": "API 改过"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["body"] == "API 改过"
    refused = login(people["neighbour"]).patch(
        f"/api/v1/forum/topics/{topic.pk}",
        {"title": "x", "body": "y"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert Topic.objects.get(pk=topic.pk).title == "新垃圾房建在哪里？"


def test_history_page_has_constant_query_count(login, people, topic, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = login(people["staff"])
    url = reverse("forum:post-history", args=["t", topic.pk])
    edit_actions.topic_edit(actor=people["resident"], topic=topic, title="t1", body="b1")
    c.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200
    now = timezone.now()
    Revision.objects.bulk_create(
        Revision(
            topic=topic,
            neighborhood_id=topic.neighborhood_id,
            editor=people["resident"],
            title=f"t{i}",
            body=f"第{i}版",
            created_at=now,
        )
        for i in range(40)
    )
    with django_assert_max_num_queries(len(ctx)):
        assert c.get(url).status_code == 200


# --- drafts -----------------------------------------------------------------------------------


def test_a_draft_is_seen_by_its_author_only_and_posting_it_makes_a_topic(
    client, login, people, tree
):
    draft = edit_actions.topic_draft_save(
        author=people["resident"], neighborhood=tree.neighborhood, title="草稿标题", body=""
    )
    mine = login(people["resident"]).get(reverse("forum:mine") + "?tab=drafts").content.decode()
    assert "草稿标题" in mine
    for who in ("neighbour", "staff"):
        assert (
            login(people[who]).get(reverse("forum:draft-edit", args=[draft.pk])).status_code == 403
        )
        assert (
            "草稿标题"
            not in login(people[who]).get(reverse("forum:mine") + "?tab=drafts").content.decode()
        )
    listing = client.get(
        reverse("forum:topic-list", args=[tree.neighborhood.slug])
    ).content.decode()
    assert "草稿标题" not in listing
    # Posting needs a text, like any topic: refused, the draft stays.
    c = login(people["resident"])
    bad = c.post(
        reverse("forum:draft-edit", args=[draft.pk]),
        {"do": "post", "title": "草稿标题", "body": "", "visibility": "public"},
    )
    assert bad.status_code == 422 and TopicDraft.objects.filter(pk=draft.pk).exists()
    ok = c.post(
        reverse("forum:draft-edit", args=[draft.pk]),
        {"do": "post", "title": "草稿标题", "body": "写完了", "visibility": "public"},
    )
    assert ok.status_code == 302
    assert Topic.objects.filter(title="草稿标题").exists()
    assert not TopicDraft.objects.filter(pk=draft.pk).exists()


def test_saving_a_draft_from_the_new_topic_page_without_javascript(login, people, tree):
    c = login(people["resident"])
    response = c.post(
        reverse("forum:topic-create", args=[tree.neighborhood.slug]),
        {"do": "draft", "title": "还没想好", "body": "", "visibility": "public"},
    )
    draft = TopicDraft.objects.get(author=people["resident"])
    assert response.status_code == 302 and response["Location"] == reverse(
        "forum:draft-edit", args=[draft.pk]
    )
    assert not Topic.objects.filter(title="还没想好").exists()
    empty = c.post(
        reverse("forum:topic-create", args=[tree.neighborhood.slug]),
        {"do": "draft", "title": "", "body": "", "visibility": "public"},
    )
    assert empty.status_code == 422 and TopicDraft.objects.count() == 1


def test_drafts_over_the_api(login, people, tree):
    c = login(people["resident"])
    made = c.post(
        f"/api/v1/forum/n/{tree.neighborhood.slug}/drafts",
        {"title": "API 草稿", "body": "内容"},
        content_type="application/json",
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    assert [d["id"] for d in c.get("/api/v1/forum/drafts").json()["items"]] == [pk]
    assert login(people["neighbour"]).get("/api/v1/forum/drafts").json()["items"] == []
    assert login(people["neighbour"]).delete(f"/api/v1/forum/drafts/{pk}").status_code == 403
    c = login(people["resident"])
    posted = c.post(f"/api/v1/forum/drafts/{pk}/post", {}, content_type="application/json")
    assert posted.status_code == 201 and not TopicDraft.objects.exists()


def test_an_unverified_person_cannot_keep_drafts(people, tree):
    with pytest.raises(PermissionDenied):
        edit_actions.topic_draft_save(
            author=people["unverified"], neighborhood=tree.neighborhood, title="x", body="y"
        )


def test_staff_see_who_could_answer_a_committee_topic(login, people, tree):
    committee = actions.topic_create(
        author=people["staff"],
        neighborhood=tree.neighborhood,
        title="加装电梯的法律问题",
        body="谁懂物权法？",
        is_committee=True,
    )
    url = reverse("talent:match", args=[tree.neighborhood.slug])
    assert url in login(people["staff"]).get(committee.get_absolute_url()).content.decode()
    assert url not in login(people["neighbour"]).get(committee.get_absolute_url()).content.decode()
    page = login(people["staff"]).get(
        url + f"?q=加装电梯&kind=topic&id={committee.pk}&label=x&url={committee.get_absolute_url()}"
    )
    assert page.status_code == 200


def test_my_drafts_page_has_a_constant_query_count(
    login, people, tree, django_assert_max_num_queries
):
    c = login(people["resident"])
    url = reverse("forum:mine") + "?tab=drafts"
    edit_actions.topic_draft_save(
        author=people["resident"], neighborhood=tree.neighborhood, title="草稿0", body=""
    )
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    for i in range(1, 15):
        edit_actions.topic_draft_save(
            author=people["resident"], neighborhood=tree.neighborhood, title=f"草稿{i}", body=""
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = c.get(url).content.decode()
    assert "草稿14" in body
