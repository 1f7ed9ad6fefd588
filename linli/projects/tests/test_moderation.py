"""A comment on a design version that the spam check holds: hidden from other residents (page and
API) until staff release it, visible to its author and to moderators; removal can be appealed."""

from django.urls import reverse

from linli.moderation.models import Case
from linli.moderation.testing import HELD, appeal, case_of, decide
from linli.projects import actions


def _seen(client, version):
    page = client.get(version.get_absolute_url()).content.decode()
    api = client.get(
        f"/api/v1/projects/{version.project_id}/versions/{version.number}/comments"
    ).json()
    return HELD in page, any(HELD in c["body_html"] for c in api["items"])


def test_a_held_comment_is_seen_only_by_its_author_and_moderators_until_released(
    login, people, tree, version
):
    comment = actions.comment_add(version=version, body=HELD, actor=people["resident"])
    case = case_of(comment)
    assert (case.status, case.hidden, case.source) == ("open", True, "scorer")
    assert _seen(login(people["far_resident"]), version) == (False, False)
    assert _seen(login(people["resident"]), version)[0] is True  # the author, on the page
    assert _seen(login(people["staff"]), version)[0] is True  # a moderator
    queue = login(people["staff"]).get(
        reverse("moderation:case-queue", args=[tree.neighborhood.slug])
    )
    assert HELD in queue.content.decode()
    decide(login(people["staff"]), case, "approve")
    assert _seen(login(people["far_resident"]), version) == (True, True)


def test_a_removed_comment_can_be_appealed_by_its_author(login, people, version):
    comment = actions.comment_add(version=version, body=HELD, actor=people["resident"])
    case = case_of(comment)
    decide(login(people["staff"]), case, "delete")
    assert _seen(login(people["far_resident"]), version) == (False, False)
    assert appeal(login(people["resident"]), case).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN


def test_an_ordinary_comment_is_not_held(people, version):
    comment = actions.comment_add(
        version=version, body="第二稿可以加一些座椅吗？", actor=people["resident"]
    )
    assert not Case.objects.filter(object_id=comment.pk, source="scorer").exists()
