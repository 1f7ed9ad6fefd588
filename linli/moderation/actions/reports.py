"""Reports by residents, rate limited, gathered into cases."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.moderation import models
from linli.moderation.models import Case, Reason, Report
from linli.moderation.registry import handler_for

from .common import NOTE_MAX, rate_check


def _case_for(target, handler) -> Case:
    """The target's case, created if missing; locked for this transaction."""
    ct = ContentType.objects.get_for_model(target)
    case = Case.objects.select_for_update().filter(content_type=ct, object_id=target.pk).first()
    if case is None:
        info = handler.describe(target)
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    content_type=ct,
                    object_id=target.pk,
                    neighborhood_id=info.neighborhood_id,
                    author_id=info.author_id,
                    excerpt=info.excerpt[:300],
                    url=info.url[:300],
                )
        except IntegrityError:  # another report opened it a moment ago
            pass
        case = Case.objects.select_for_update().get(content_type=ct, object_id=target.pk)
    return case


@transaction.atomic
def report_create(*, reporter, target, reason, note="", ip=None) -> Report:
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
    rate_check(person=reporter, scope="report", ip=ip)
    case = _case_for(target, handler)
    try:
        with transaction.atomic():
            report = Report.objects.create(case=case, reporter=reporter, reason=reason, note=note)
    except IntegrityError:
        raise ValidationError(
            _("You have already reported this. The committee will look at it.")
        ) from None
    Case.objects.filter(pk=case.pk).update(
        report_count=F("report_count") + 1, updated_at=timezone.now()
    )
    case.refresh_from_db(fields=["report_count", "status", "hidden"])
    if (
        case.status == Case.Status.OPEN
        and not case.hidden
        and case.report_count >= models.HIDE_THRESHOLD
    ):
        Case.objects.filter(pk=case.pk).update(hidden=True)
        handler.set_hidden(case.object_id, True)
    return report
