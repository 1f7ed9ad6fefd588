"""Every write in moderation: report something, and staff's review (keep visible / hide).

General on purpose: a report targets any registered object (see registry.py); a later
spam scorer can open cases through `case_open` with its own reporter-less reports.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.notify.actions import notify

from . import models
from .models import Case, Reason, Report
from .registry import handler_for

NOTE_MAX = 300


def _case_for(target, handler) -> Case:
    """The target's case, created if missing; locked for this transaction."""
    ct = ContentType.objects.get_for_model(target)
    case = Case.objects.select_for_update().filter(content_type=ct, object_id=target.pk).first()
    if case is None:
        info = handler.describe(target)
        try:
            with transaction.atomic():
                case = Case.objects.create(content_type=ct, object_id=target.pk, neighborhood_id=info.neighborhood_id,
                                           author_id=info.author_id, excerpt=info.excerpt[:300], url=info.url[:300])
        except IntegrityError:  # another report opened it a moment ago
            pass
        case = Case.objects.select_for_update().get(content_type=ct, object_id=target.pk)
    return case


@transaction.atomic
def report_create(*, reporter, target, reason, note="") -> Report:
    """`reporter` reports `target` once. Reports from HIDE_THRESHOLD people hide it until review."""
    handler = handler_for(target)
    if handler is None:
        raise ValidationError(_("This cannot be reported."))
    if reason not in Reason.values:
        raise ValidationError(_("Choose a reason for the report."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(_("The note can be at most %(n)d characters.") % {"n": NOTE_MAX})
    if getattr(target, "author_id", None) == reporter.pk:
        raise ValidationError(_("You cannot report your own post."))
    case = _case_for(target, handler)
    try:
        with transaction.atomic():
            report = Report.objects.create(case=case, reporter=reporter, reason=reason, note=note)
    except IntegrityError:
        raise ValidationError(_("You have already reported this. The committee will look at it.")) from None
    Case.objects.filter(pk=case.pk).update(report_count=F("report_count") + 1, updated_at=timezone.now())
    case.refresh_from_db(fields=["report_count", "status", "hidden"])
    if case.status == Case.Status.OPEN and not case.hidden and case.report_count >= models.HIDE_THRESHOLD:
        Case.objects.filter(pk=case.pk).update(hidden=True)
        handler.set_hidden(case.object_id, True)
    return report


def _review(*, case, actor, status, hidden, action, kind):
    if not actor.has_perm("moderation.review", case):
        raise PermissionDenied(_("Only committee staff review reports."))
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        before = {"status": locked.status, "hidden": locked.hidden}
        locked.status, locked.hidden = status, hidden
        locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
        locked.save(update_fields=["status", "hidden", "reviewed_by", "reviewed_at", "updated_at"])
        handler = handler_for(locked.content_type.model_class())
        if handler is not None:
            handler.set_hidden(locked.object_id, hidden)
        audit_record(actor=actor, action=action, target=locked, subject=locked.author_id, neighborhood=locked.neighborhood_id,
                     target_label=locked.excerpt[:100], before=before, after={"status": status, "hidden": hidden})
        if locked.author_id:
            notify(recipients=[locked.author_id], kind=kind, params={"excerpt": locked.excerpt[:60]}, url=locked.url if not hidden else "", actor=actor)
    return locked


def case_approve(*, case, actor) -> Case:
    """Staff keep the post visible (reports dismissed); the author is told."""
    return _review(case=case, actor=actor, status=Case.Status.APPROVED, hidden=False, action="moderation.approve", kind="moderation.approved")


def case_hide(*, case, actor) -> Case:
    """Staff hide the post for good; the author is told."""
    return _review(case=case, actor=actor, status=Case.Status.HIDDEN, hidden=True, action="moderation.hide", kind="moderation.hidden")
