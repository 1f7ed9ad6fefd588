"""Handling requests: transitions, transfers between parties, closing stale ones, categories."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require
from linli.notify.actions import notify
from linli.office.actions import stats
from linli.office.models import Category, Party, Request, RequestEvent

from .common import S, _audience, _locked, _party_staff
from .submit import REOPEN_DAYS

# Which status may follow which (staff moves).
NEXT = {
    S.SUBMITTED: {S.ACCEPTED, S.REJECTED},
    S.ACCEPTED: {S.IN_PROGRESS, S.RESOLVED, S.REJECTED},
    S.IN_PROGRESS: {S.RESOLVED, S.REJECTED},
    S.RESOLVED: {S.CLOSED},
    S.CLOSED: set(),
    S.REJECTED: set(),
}


def _tell(request, actor, *, note=""):
    notify(
        recipients=_audience(request),
        kind="office.request_changed",
        actor=actor,
        url=reverse("office:request-detail", args=[request.pk]),
        params={
            "number": request.pk,
            "category": request.category.name,
            "category_en": request.category.name_en,
            "status": request.status,
            "note": note[:200],
        },
    )


def request_transition(*, request, actor, to, note="") -> Request:
    """Staff move a request on: accepted, in progress, resolved, closed, or rejected (with a reason)."""
    require(
        actor,
        "office.handle_request",
        request,
        _("Only the party responsible for this request can change it."),
    )
    note = (note or "").strip()[:500]
    if to not in S.values:
        raise ValidationError(_("Unknown status."), code="status")
    if to == S.REJECTED and not note:
        raise ValidationError(
            _("Give a reason for rejecting, so the resident knows why."), code="reason"
        )
    with transaction.atomic():
        request = _locked(request)
        if to not in NEXT[request.status]:
            raise ValidationError(
                _("A request that is “%(now)s” cannot become “%(to)s”.")
                % {"now": request.get_status_display(), "to": S(to).label},
                code="status",
            )
        now, before = timezone.now(), request.status
        if to in (S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED) and request.accepted_at is None:
            request.accepted_at = now
            stats.on_accepted(request)
        if to == S.RESOLVED:
            request.resolved_at = now
            stats.on_resolved(request)
        if to in (S.CLOSED, S.REJECTED):
            request.closed_at = now
        request.status, request.status_note, request.updated_at = to, note, now
        request.save()
        RequestEvent.objects.create(
            request=request,
            actor=actor,
            kind=RequestEvent.Kind.STATUS,
            from_status=before,
            to_status=to,
            note=note,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action="office.request_transition",
            target=request,
            subject=request.reporter_id,
            neighborhood=request.neighborhood_id,
            before={"status": before},
            after={"status": to, "note": note},
        )
        _tell(request, actor, note=note)
    return request


def request_transfer(*, request, actor, party, reason) -> Request:
    """Any of the three hands a request to another of them, saying why."""
    require(actor, "office.transfer_request", request)
    reason = (reason or "").strip()[:500]
    if party not in Party.values:
        raise ValidationError(
            _("Choose the residents' committee, the owners' committee or the property manager."),
            code="party",
        )
    if not reason:
        raise ValidationError(_("Say why the request is transferred."), code="reason")
    with transaction.atomic():
        request = _locked(request)
        if not request.is_open:
            raise ValidationError(_("Only an open request can be transferred."), code="status")
        if party == request.party:
            raise ValidationError(_("The request is already with them."), code="party")
        before, now = request.party, timezone.now()
        request.party, request.updated_at = party, now
        request.save(update_fields=["party", "updated_at"])
        RequestEvent.objects.create(
            request=request,
            actor=actor,
            kind=RequestEvent.Kind.TRANSFER,
            from_party=before,
            to_party=party,
            note=reason,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action="office.request_transfer",
            target=request,
            subject=request.reporter_id,
            neighborhood=request.neighborhood_id,
            before={"party": before},
            after={"party": party, "reason": reason},
        )
        notify(
            recipients=_party_staff(request.neighborhood_id, party),
            kind="office.request_new",
            actor=actor,
            url=reverse("office:request-detail", args=[request.pk]),
            params={
                "number": request.pk,
                "category": request.category.name,
                "category_en": request.category.name_en,
            },
        )
        _tell(request, actor, note=reason)
    return request


def request_close_stale(*, now=None) -> int:
    """Close requests resolved more than 7 days ago that nobody reopened (run daily)."""
    now = now or timezone.now()
    return Request.objects.filter(
        status=S.RESOLVED, resolved_at__lt=now - timedelta(days=REOPEN_DAYS)
    ).update(status=S.CLOSED, closed_at=now, updated_at=now)


@transaction.atomic
def category_save(*, actor, neighborhood, category=None, **fields) -> Category:
    """Create or change a category and its service levels (committee staff)."""
    require(actor, "office.manage_categories", neighborhood)
    if category is not None and category.neighborhood_id != neighborhood.pk:
        raise PermissionDenied(_("You do not have permission to do this."))
    creating = category is None
    category = category or Category(neighborhood=neighborhood)
    before = None if creating else {k: str(getattr(category, k)) for k in fields}
    for key, value in fields.items():
        setattr(category, key, value)
    category.full_clean()
    category.save()
    audit_record(
        actor=actor,
        action="office.category_save",
        target=category,
        neighborhood=neighborhood,
        before=before,
        after={k: str(v) for k, v in fields.items()},
    )
    return category
