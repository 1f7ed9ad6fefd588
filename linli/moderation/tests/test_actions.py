"""Reports, the hide threshold, and staff review (audited, author notified)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from linli.audit.models import AuditEntry
from linli.forum import actions as forum
from linli.moderation import actions, models, selectors
from linli.moderation.models import Case, Report
from linli.notify.models import Notification


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def post(people, tree):
    return forum.topic_create(
        author=people["neighbour"],
        neighborhood=tree.neighborhood,
        title="消防通道停车",
        body="那辆白车又停在消防通道了，车主是谁大家心里有数。",
    )  # an ordinary post someone reports (an ad would be held by the spam check)


def test_one_report_per_person_and_reasons_checked(people, post):
    actions.report_create(reporter=people["resident"], target=post, reason="spam", note="广告")
    with pytest.raises(ValidationError, match="already reported"):
        actions.report_create(reporter=people["resident"], target=post, reason="abuse")
    with pytest.raises(ValidationError, match="reason"):
        actions.report_create(reporter=people["far_resident"], target=post, reason="bogus")
    with pytest.raises(ValidationError, match="own post"):
        actions.report_create(reporter=people["neighbour"], target=post, reason="spam")
    assert Report.objects.count() == 1 and Case.objects.get().report_count == 1


def test_threshold_hides_and_is_a_setting(people, post, monkeypatch):
    monkeypatch.setattr(models, "HIDE_THRESHOLD", 2)
    actions.report_create(reporter=people["resident"], target=post, reason="spam")
    assert not selectors.is_hidden(post)
    actions.report_create(reporter=people["far_resident"], target=post, reason="spam")
    assert selectors.is_hidden(post)
    post.refresh_from_db()
    assert post.hidden and selectors.hidden_ids(type(post)) == {post.pk}


def test_staff_hide_is_audited_and_author_told(people, post):
    actions.report_create(reporter=people["resident"], target=post, reason="spam")
    case = Case.objects.get()
    with pytest.raises(PermissionDenied):
        actions.case_hide(case=case, actor=people["resident"])
    with pytest.raises(PermissionDenied):
        actions.case_hide(case=case, actor=people["other_staff"])
    actions.case_hide(case=case, actor=people["staff"])
    post.refresh_from_db()
    assert post.hidden
    entry = AuditEntry.objects.get(action="moderation.hide")
    assert entry.subject_id == people["neighbour"].pk and entry.after == {
        "status": "hidden",
        "hidden": True,
    }
    assert (
        Notification.objects.filter(recipient=people["neighbour"], kind="moderation.hidden").count()
        == 1
    )


def test_approve_shows_a_threshold_hidden_post_again(people, post, monkeypatch):
    monkeypatch.setattr(models, "HIDE_THRESHOLD", 1)
    actions.report_create(reporter=people["resident"], target=post, reason="spam")
    post.refresh_from_db()
    assert post.hidden
    actions.case_approve(case=Case.objects.get(), actor=people["secretary"])
    post.refresh_from_db()
    assert not post.hidden and Case.objects.get().status == Case.Status.APPROVED
    assert (
        Notification.objects.filter(
            recipient=people["neighbour"], kind="moderation.approved"
        ).count()
        == 1
    )
    # Reports after the review do not hide it again without staff.
    actions.report_create(reporter=people["far_resident"], target=post, reason="spam")
    post.refresh_from_db()
    assert not post.hidden


@pytest.mark.parametrize(
    "who,status",
    [
        ("staff", 200),
        ("secretary", 200),
        ("resident", 403),
        ("leader", 403),
        ("owners", 403),
        ("other_staff", 403),
        ("street_staff", 403),
    ],
)
def test_queue_is_for_committee_staff(login, people, tree, post, who, status):
    actions.report_create(
        reporter=people["resident"] if who != "resident" else people["far_resident"],
        target=post,
        reason="privacy",
    )
    response = login(people[who]).get(
        reverse("moderation:case-queue", args=[tree.neighborhood.slug])
    )
    assert response.status_code == status


def test_queue_has_constant_query_count(
    login, people, tree, django_assert_max_num_queries, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(people["staff"])
    url = reverse("moderation:case-queue", args=[tree.neighborhood.slug])
    reporters = [people[w] for w in ("resident", "far_resident", "leader")]

    def add(n, start):
        for i in range(start, start + n):
            topic = forum.topic_create(
                author=people["neighbour"], neighborhood=tree.neighborhood, title=f"t{i}", body="b"
            )
            for person in reporters[: 1 + i % 2]:
                actions.report_create(reporter=person, target=topic, reason="spam")

    add(2, 0)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    from linli.core import ratelimit

    monkeypatch.setattr(ratelimit, "hit", lambda *a, **k: 0)  # posting many in a test is not spam
    add(25, 2)
    with django_assert_max_num_queries(len(ctx)):
        assert client.get(url).status_code == 200
