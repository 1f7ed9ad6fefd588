"""Escalations (吹哨报到): a neighborhood's committee hands a request it cannot solve to the
street, which routes it to a department with that department's service level, and answers
or returns it. Everyone concerned is told; bad input changes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from linli.audit.models import AuditEntry
from linli.notify.models import Notification
from linli.office.models import Request, RequestEvent
from linli.street import actions
from linli.street.models import ACCEPT_HOURS, RESOLVE_HOURS, Escalation

REASON = "物业称涉及结构问题，需要房管部门鉴定，居委会无法单独解决。"


def test_committee_staff_escalate_an_open_request_and_the_street_and_reporter_are_told(
    submit, people, tree
):
    request = submit()
    made = actions.escalation_create(request=request, actor=people["staff"], reason=REASON)
    assert made.status == "escalated" and made.street_id == tree.street.pk
    assert made.neighborhood_id == tree.neighborhood.pk
    assert made.accept_due - made.created_at == timedelta(hours=ACCEPT_HOURS)
    assert made.resolve_due - made.created_at == timedelta(hours=RESOLVE_HOURS)
    assert Notification.objects.filter(
        recipient=people["street_staff"], kind="street.escalated"
    ).exists()
    told = Notification.objects.get(recipient=people["resident"], kind="office.request_changed")
    assert REASON in told.params["note"]
    assert RequestEvent.objects.filter(request=request, kind="note", note__contains=REASON).exists()
    assert AuditEntry.objects.filter(action="street.escalation_create").exists()


@pytest.mark.parametrize("who", ["resident", "leader", "property", "street_staff", "other_staff"])
def test_only_the_neighborhoods_committee_escalates(submit, people, who):
    request = submit()
    with pytest.raises(PermissionDenied):
        actions.escalation_create(request=request, actor=people[who], reason=REASON)
    assert not Escalation.objects.exists()


def test_a_request_is_with_the_street_only_once_at_a_time(submit, people, departments):
    request = submit()
    first = actions.escalation_create(request=request, actor=people["staff"], reason=REASON)
    with pytest.raises(ValidationError) as error:
        actions.escalation_create(request=request, actor=people["secretary"], reason=REASON)
    assert error.value.code == "open"
    assert Escalation.objects.count() == 1
    # Once the street returned it, the neighborhood may escalate it again.
    actions.escalation_return(
        escalation=first, actor=people["street_staff"], reason="属于业委会职责，请先召开业主大会。"
    )
    again = actions.escalation_create(request=request, actor=people["staff"], reason=REASON)
    assert again.pk != first.pk and Escalation.objects.count() == 2


@pytest.mark.parametrize("reason", ["", "短", "    "])
def test_a_reason_is_required_and_nothing_changes_without_one(submit, people, reason):
    request = submit()
    with pytest.raises(ValidationError) as error:
        actions.escalation_create(request=request, actor=people["staff"], reason=reason)
    assert error.value.code == "reason"
    assert not Escalation.objects.exists()
    assert not RequestEvent.objects.filter(kind="note").exists()


def test_a_closed_request_cannot_be_escalated(submit, people):
    request = submit()
    Request.objects.filter(pk=request.pk).update(status="closed")
    request.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.escalation_create(request=request, actor=people["staff"], reason=REASON)
    assert not Escalation.objects.exists()


def test_routing_to_a_department_sets_its_service_level_and_tells_the_neighborhood(
    submit, people, departments
):
    made = actions.escalation_create(request=submit(), actor=people["staff"], reason=REASON)
    before = timezone.now()
    routed = actions.escalation_route(
        escalation=made,
        actor=people["street_staff"],
        department=departments["police"],
        note="请到场",
    )
    assert routed.status == "routed" and routed.department == departments["police"]
    assert routed.resolve_due >= before + timedelta(hours=48)
    assert routed.resolve_due < before + timedelta(hours=49)
    assert Notification.objects.filter(
        recipient=people["secretary"], kind="street.escalation_changed"
    ).exists()
    assert RequestEvent.objects.filter(kind="note", note__contains="派出所").exists()
    with pytest.raises(ValidationError):  # already there
        actions.escalation_route(
            escalation=routed, actor=people["street_staff"], department=departments["police"]
        )


def test_a_department_of_another_street_is_refused(submit, people, departments):
    made = actions.escalation_create(request=submit(), actor=people["staff"], reason=REASON)
    with pytest.raises(ValidationError) as error:
        actions.escalation_route(
            escalation=made, actor=people["street_staff"], department=departments["foreign"]
        )
    assert error.value.code == "department"
    made.refresh_from_db()
    assert made.status == "escalated" and made.department_id is None


@pytest.mark.parametrize("who", ["staff", "secretary", "other_staff", "resident"])
def test_only_the_streets_staff_handle_an_escalation(submit, people, departments, who):
    made = actions.escalation_create(request=submit(), actor=people["staff"], reason=REASON)
    with pytest.raises(PermissionDenied):
        actions.escalation_route(
            escalation=made, actor=people[who], department=departments["housing"]
        )
    with pytest.raises(PermissionDenied):
        actions.escalation_answer(escalation=made, actor=people[who], answer="已经处理好了。")
    made.refresh_from_db()
    assert made.status == "escalated"


def test_the_answer_closes_the_escalation_and_the_reporter_reads_it(submit, people, departments):
    request = submit()
    made = actions.escalation_create(request=request, actor=people["staff"], reason=REASON)
    done = actions.escalation_answer(
        escalation=made, actor=people["street_staff"], answer="房管办已鉴定，下周起维修。"
    )
    assert done.status == "resolved" and done.closed_at is not None
    assert done.answer == "房管办已鉴定，下周起维修。"
    assert RequestEvent.objects.filter(request=request, note__contains="下周起维修").exists()
    with pytest.raises(ValidationError):
        actions.escalation_return(
            escalation=done, actor=people["street_staff"], reason="再说一遍吧"
        )


def test_an_overdue_escalation_shows_as_overdue(submit, people):
    made = actions.escalation_create(
        request=submit(),
        actor=people["staff"],
        reason=REASON,
        now=timezone.now() - timedelta(hours=ACCEPT_HOURS + 1),
    )
    assert made.overdue
