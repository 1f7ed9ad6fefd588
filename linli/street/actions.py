"""Every write of the street office: escalations (a neighborhood hands a request it cannot
solve to the street; the street routes it to a department, answers it, or returns it) and
the street's departments. Each change is audited and told: the neighborhood's committee,
the street's staff, and — through a note in the request's history — its reporter and
followers."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.selectors import people_with_role
from linli.core.perms import require
from linli.office.actions.notes import request_note_add
from linli.office.models import Request

from .models import ACCEPT_HOURS, RESOLVE_HOURS, Department, Escalation

S = Escalation.Status


def _text(value, *, least, most, message, code):
    value = (value or "").strip()
    if len(value) < least:
        raise ValidationError(message, code=code)
    return value[:most]


def _committee(neighborhood_id):
    return set(people_with_role("committee_staff", "secretary", neighborhood_id=neighborhood_id))


def _street_staff(street_id):
    return set(people_with_role("street_staff", "street_head", street_id=street_id))


def _locked(escalation):
    return (
        Escalation.objects.select_for_update(of=("self",))
        .select_related("request__category", "department")
        .get(pk=escalation.pk)
    )


def escalation_create(*, request: Request, actor, reason: str, now=None) -> Escalation:
    """Committee staff hand an open request they cannot solve to their street, saying why.
    The street accepts it within ACCEPT_HOURS and resolves it within RESOLVE_HOURS (or the
    department's hours, once routed). A request is with the street once at a time."""
    require(
        actor,
        "street.escalate_request",
        request,
        _("Only committee staff of this neighborhood can escalate its requests."),
    )
    reason = _text(
        reason,
        least=5,
        most=1000,
        message=_("Say in a few words why the neighborhood cannot solve it."),
        code="reason",
    )
    if request.status not in Request.OPEN:
        raise ValidationError(_("Only an open request can be escalated."), code="status")
    now = now or timezone.now()
    street_id = request.neighborhood.street_id
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                street_id=street_id,
                neighborhood_id=request.neighborhood_id,
                request=request,
                reason=reason,
                escalated_by=actor,
                accept_due=now + timedelta(hours=ACCEPT_HOURS),
                resolve_due=now + timedelta(hours=RESOLVE_HOURS),
                created_at=now,
                updated_at=now,
            )
            _after(escalation, actor, "street.escalation_create", {"reason": reason})
            request_note_add(
                request=request, actor=actor, note=_("Escalated to the street: %s") % reason
            )
            _tell_street(escalation, actor)
    except IntegrityError:
        raise ValidationError(_("This request is already with the street."), code="open") from None
    return escalation


def _after(escalation, actor, action, after):
    audit_record(
        actor=actor,
        action=action,
        target=escalation,
        neighborhood=escalation.neighborhood_id,
        after=after,
    )


def _url(escalation):
    return reverse("street:escalation-detail", args=[escalation.pk])


def _tell_street(escalation, actor):
    from linli.notify.actions import notify

    notify(
        recipients=_street_staff(escalation.street_id),
        kind="street.escalated",
        actor=actor,
        url=_url(escalation),
        neighborhood=escalation.neighborhood_id,
        params={"number": escalation.request_id},
    )


def _tell_neighborhood(escalation, actor, note):
    from linli.notify.actions import notify

    notify(
        recipients=_committee(escalation.neighborhood_id),
        kind="street.escalation_changed",
        actor=actor,
        url=_url(escalation),
        neighborhood=escalation.neighborhood_id,
        params={"number": escalation.request_id, "status": escalation.status, "note": note[:200]},
    )


def escalation_route(
    *, escalation: Escalation, actor, department: Department, note=""
) -> Escalation:
    """Street staff route an escalated request to one of the street's departments (吹哨报到);
    from then the department's service level holds. Routing again moves it on."""
    require(actor, "street.handle_escalation", escalation)
    note = (note or "").strip()[:500]
    if department is None or department.street_id != escalation.street_id or not department.active:
        raise ValidationError(_("Choose one of this street's departments."), code="department")
    with transaction.atomic():
        escalation = _locked(escalation)
        if not escalation.is_open:
            raise ValidationError(_("This escalation is closed."), code="status")
        if escalation.department_id == department.pk:
            raise ValidationError(_("It is already with this department."), code="department")
        now = timezone.now()
        escalation.status, escalation.department = S.ROUTED, department
        escalation.routed_by, escalation.routed_at, escalation.route_note = actor, now, note
        escalation.resolve_due = now + timedelta(hours=department.resolve_hours)
        escalation.updated_at = now
        escalation.save()
        _after(
            escalation,
            actor,
            "street.escalation_route",
            {"department": department.name, "note": note},
        )
        message = _("The street routed it to %(department)s.") % {"department": department.name}
        request_note_add(request=escalation.request, actor=actor, note=message)
        _tell_neighborhood(escalation, actor, message)
    return escalation


def escalation_answer(*, escalation: Escalation, actor, answer: str) -> Escalation:
    """Street staff record the answer (what the department did or decided): it closes the
    escalation; the neighborhood then closes the request with its reporter."""
    return _close(escalation, actor, answer, S.RESOLVED, "street.escalation_answer")


def escalation_return(*, escalation: Escalation, actor, reason: str) -> Escalation:
    """Street staff hand the request back to the neighborhood, saying why (not a street matter)."""
    return _close(escalation, actor, reason, S.RETURNED, "street.escalation_return")


def _close(escalation, actor, text, to, action):
    require(actor, "street.handle_escalation", escalation)
    text = _text(
        text,
        least=5,
        most=2000,
        message=_("Write the answer, or why it is returned, in a few words."),
        code="answer",
    )
    with transaction.atomic():
        escalation = _locked(escalation)
        if not escalation.is_open:
            raise ValidationError(_("This escalation is closed."), code="status")
        now = timezone.now()
        escalation.status, escalation.answer, escalation.answered_by = to, text, actor
        escalation.closed_at = escalation.updated_at = now
        escalation.save()
        _after(escalation, actor, action, {"status": to, "answer": text})
        if to == S.RESOLVED:
            message = _("The street answered: %s") % text
        else:
            message = _("The street returned it to the neighborhood: %s") % text
        request_note_add(request=escalation.request, actor=actor, note=message)
        _tell_neighborhood(escalation, actor, message)
    return escalation


@transaction.atomic
def department_save(*, actor, street, department=None, **fields) -> Department:
    """Add or change one of the street's departments (street staff)."""
    require(actor, "street.manage_departments", street)
    if department is not None and department.street_id != street.pk:
        raise ValidationError(_("Choose one of this street's departments."), code="department")
    creating = department is None
    department = department or Department(street=street)
    before = None if creating else {k: str(getattr(department, k)) for k in fields}
    for key, value in fields.items():
        setattr(department, key, value.strip() if isinstance(value, str) else value)
    department.full_clean()
    department.save()
    audit_record(
        actor=actor,
        action="street.department_save",
        target=department,
        before=before,
        after={k: str(v) for k, v in fields.items()},
    )
    return department
