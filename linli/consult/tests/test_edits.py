"""Staff change a consultation until answering opens (then the questions are frozen), and keep drafts."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.consult import actions
from linli.consult import actions as edit_actions
from linli.consult.models import Consultation, Question

from .conftest import set_open

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
# Columns: edit  the edit page and the API PATCH of a coming consultation (y: done)
#          draft its draft (by `staff`): page, API detail, in the list, in the API list
#          pub   the same consultation once published: page and API detail
# fmt: off
TABLE = {
    "secretary":    "y  -  y",
    "staff":        "y  y  y",
    "leader":       "-  -  y",
    "resident":     "-  -  y",
    "housemate":    "-  -  y",
    "neighbour":    "-  -  y",
    "far_resident": "-  -  y",
    "owners":       "-  -  y",
    "property":     "-  -  y",
    "street_staff": "-  -  y",
    "other_staff":  "-  -  -",
    "unverified":   "-  -  -",
    "anonymous":    "-  -  -",
}
# fmt: on


def _coming(people, tree, title="楼道堆物意见征集", draft=False):
    now = timezone.now()
    c = actions.consultation_create(
        draft=draft,
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        title=title,
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=8),
    )
    actions.question_add(
        consultation=c,
        actor=people["staff"],
        kind="single",
        text="同意吗？",
        choices=["同意", "不同意"],
    )
    return c


def test_the_table_covers_every_role(people):
    assert set(TABLE) == set(people) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_permission_table(role, client, login, people, tree):
    c = client if role == "anonymous" else login(people[role])
    edit, draft, pub = TABLE[role].split()
    coming = _coming(people, tree)
    page = c.get(reverse("consult:consultation-edit", args=[coming.pk])).status_code
    api = c.patch(
        f"/api/v1/consultations/{coming.pk}",
        {"title": "改过的标题"},
        content_type="application/json",
    )
    done = Consultation.objects.filter(pk=coming.pk, title="改过的标题").exists()
    assert (page == 200, api.status_code == 200, done) == ((edit == "y",) * 3), (
        page,
        api.status_code,
    )
    d = _coming(people, tree, title="草稿征集", draft=True)
    outputs = [
        c.get(d.get_absolute_url()).status_code == 200,
        c.get(f"/api/v1/consultations/{d.pk}").status_code == 200,
        "草稿征集" in c.get(reverse("consult:consultation-list", args=["nb"])).content.decode(),
        "草稿征集" in c.get("/api/v1/consultations/n/nb?page_size=100").content.decode(),
    ]
    assert outputs[:2] == [draft == "y"] * 2, outputs
    assert outputs[2:] == [False, False]  # drafts are in no list, not even their author's
    edit_actions.consultation_draft_publish(consultation=d, actor=people["staff"])
    seen = [
        c.get(d.get_absolute_url()).status_code == 200,
        c.get(f"/api/v1/consultations/{d.pk}").status_code == 200,
    ]
    assert seen == [pub == "y"] * 2, seen


def test_after_answering_opens_the_questions_are_frozen(people, tree):
    c = _coming(people, tree)
    q = c.questions.get()
    set_open(c)
    with pytest.raises(ValidationError) as error:
        edit_actions.question_update(
            question=q, actor=people["staff"], text="改", choices=["a", "b"]
        )
    assert "can no longer change" in str(error.value)
    with pytest.raises(ValidationError):
        edit_actions.question_remove(question=q, actor=people["staff"])
    with pytest.raises(ValidationError):
        actions.question_add(consultation=c, actor=people["staff"], kind="text", text="新问题")
    with pytest.raises(ValidationError):
        edit_actions.consultation_update(consultation=c, actor=people["staff"], title="改")
    assert c.questions.count() == 1
    assert Question.objects.get(pk=q.pk).text == "同意吗？"
    assert Consultation.objects.get(pk=c.pk).title == "楼道堆物意见征集"
    # The closing time may still move on.
    later = c.closes_at + timedelta(days=3)
    edit_actions.consultation_update(consultation=c, actor=people["staff"], closes_at=later)
    assert Consultation.objects.get(pk=c.pk).closes_at == later


def test_before_opening_questions_and_choices_change(people, tree):
    c = _coming(people, tree)
    q = c.questions.get()
    kept = q.choices.get(label="同意")
    edit_actions.question_update(
        question=q, actor=people["staff"], text="同意清理吗？", choices=["同意", "再商量", "不同意"]
    )
    q.refresh_from_db()
    assert q.text == "同意清理吗？"
    assert [ch.label for ch in q.choices.order_by("position")] == ["同意", "再商量", "不同意"]
    assert q.choices.get(label="同意").pk == kept.pk
    with pytest.raises(ValidationError):
        edit_actions.question_update(
            question=q, actor=people["staff"], text="x", choices=["只有一个"]
        )
    with pytest.raises(ValidationError):  # a published consultation keeps one question
        edit_actions.question_remove(question=q, actor=people["staff"])


def test_a_draft_cannot_be_published_without_a_question(people, tree):
    now = timezone.now()
    d = actions.consultation_create(
        draft=True,
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        title="空草稿",
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=2),
    )
    with pytest.raises(ValidationError):
        edit_actions.consultation_draft_publish(consultation=d, actor=people["staff"])
    assert Consultation.objects.get(pk=d.pk).is_draft
    with pytest.raises(PermissionDenied):  # another staff member's draft
        edit_actions.consultation_draft_publish(consultation=d, actor=people["secretary"])


def test_drafts_and_edits_through_the_pages_without_javascript(login, people, tree):
    c = login(people["staff"])
    now = timezone.localtime() + timedelta(days=1)
    form = {
        "title": "表单草稿",
        "body": "",
        "per": "household",
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
    }
    made = c.post(reverse("consult:draft-create", args=["nb"]), form)
    d = Consultation.objects.get(title="表单草稿")
    assert made.status_code == 302 and d.is_draft
    assert "表单草稿" in c.get(reverse("consult:draft-list", args=["nb"])).content.decode()
    refused = c.post(reverse("consult:draft-publish", args=[d.pk]), follow=True)
    assert "至少" in refused.content.decode() and Consultation.objects.get(pk=d.pk).is_draft
    actions.question_add(consultation=d, actor=people["staff"], kind="text", text="建议？")
    c.post(reverse("consult:draft-publish", args=[d.pk]))
    assert not Consultation.objects.get(pk=d.pk).is_draft
    bad = c.post(reverse("consult:consultation-edit", args=[d.pk]), {**form, "title": ""})
    assert bad.status_code == 422
    ok = c.post(reverse("consult:consultation-edit", args=[d.pk]), {**form, "title": "新标题"})
    assert ok.status_code == 302 and Consultation.objects.get(pk=d.pk).title == "新标题"


def test_edit_page_has_a_constant_query_count(login, people, tree, django_assert_max_num_queries):
    c = _coming(people, tree)
    client = login(people["staff"])
    url = reverse("consult:consultation-edit", args=[c.pk])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for i in range(15):
        actions.question_add(
            consultation=c,
            actor=people["staff"],
            kind="multiple",
            text=f"问题{i}",
            choices=["甲", "乙"],
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_drafts_page_has_a_constant_query_count(login, people, tree, django_assert_max_num_queries):
    c = login(people["staff"])
    url = reverse("consult:draft-list", args=["nb"])
    _coming(people, tree, title="草稿0", draft=True)
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    for i in range(1, 12):
        _coming(people, tree, title=f"草稿{i}", draft=True)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "草稿11" in c.get(url).content.decode()
    assert "草稿11" not in login(people["secretary"]).get(url).content.decode()
