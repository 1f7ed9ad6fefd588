"""Every write in moderation: report something, and staff's review (keep visible / hide).

General on purpose: a report targets any registered object (see registry.py); a later
spam scorer can open cases through `case_open` with its own reporter-less reports.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core import ratelimit
from linli.notify.actions import notify

from . import models, scoring
from .models import Case, ClassifierState, Reason, Report, Sanction, Word
from .registry import handler_for
from .screen import hold, text_check, text_screen  # the apps' entry points, re-exported

__all__ = [
    "text_check",
    "text_screen",
    "hold",
    "rate_check",
    "report_create",
    "case_approve",
    "case_hide",
    "case_delete",
    "case_warn",
    "case_mute",
    "case_ban",
    "case_decide",
    "case_appeal",
    "sanction_lift",
    "word_add",
    "word_remove",
    "retrain",
]

NOTE_MAX = 300
MUTE_DAYS_MAX = 365
WORD_MAX = 40
# (scope, limit, window seconds) for what people do besides posting (posting: screen.POSTS_PER_10_MINUTES).
LIMITS = {"support": (60, 600), "report": (20, 3600), "appeal": (5, 3600)}


def rate_check(*, person, scope, ip=None):
    """Count one `scope` event ("support", "report"…) for the person (and the address); refuse past the limit."""
    limit, window = LIMITS[scope]
    if ratelimit.hit(f"moderation.{scope}", str(person.pk), window=window) > limit or (
        ip and ratelimit.hit(f"moderation.{scope}.ip", ip, window=window) > limit * 3
    ):
        raise ValidationError(_("You are doing this too often. Please wait a while and try again."))


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


def _review(*, case, actor, status, hidden, action, kind, note="", params=None, sanction=None):
    if not actor.has_perm("moderation.review", case):
        raise PermissionDenied(_("Only committee staff review reports."))
    note = _clean_note(note)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        before = {"status": locked.status, "hidden": locked.hidden}
        if sanction is not None:
            sanction(locked, note)
        locked.status, locked.hidden = status, hidden
        locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
        locked.save(update_fields=["status", "hidden", "reviewed_by", "reviewed_at", "updated_at"])
        handler = handler_for(locked.content_type.model_class())
        if handler is not None:
            handler.set_hidden(locked.object_id, hidden)
        audit_record(
            actor=actor,
            action=action,
            target=locked,
            subject=locked.author_id,
            neighborhood=locked.neighborhood_id,
            target_label=locked.excerpt[:100],
            before=before,
            after={
                "status": status,
                "hidden": hidden,
                **({"note": note} if note else {}),
                **(params or {}),
            },
        )
        if locked.author_id:
            url = locked.url if not hidden else reverse("moderation:case-appeal", args=[locked.pk])
            notify(
                recipients=[locked.author_id],
                kind=kind,
                params={"excerpt": locked.excerpt[:60], "note": note or "—", **(params or {})},
                url=url,
                actor=actor,
            )
    return locked


def _clean_note(note):
    note = (note or "").replace("\x00", "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(_("The note can be at most %(n)d characters.") % {"n": NOTE_MAX})
    return note


def case_approve(*, case, actor, note="") -> Case:
    """Staff keep the post visible (reports dismissed, or a held post published); the author is told."""
    return _review(
        case=case,
        actor=actor,
        status=Case.Status.APPROVED,
        hidden=False,
        action="moderation.approve",
        kind="moderation.approved",
        note=note,
    )


def case_hide(*, case, actor, note="") -> Case:
    """Staff hide the post for good; the author is told why and may appeal."""
    return _review(
        case=case,
        actor=actor,
        status=Case.Status.HIDDEN,
        hidden=True,
        action="moderation.hide",
        kind="moderation.hidden",
        note=note,
    )


def case_delete(*, case, actor, note="") -> Case:
    """Staff remove the post (it stays hidden for good and counts as spam for the classifier); the author is told."""
    return _review(
        case=case,
        actor=actor,
        status=Case.Status.DELETED,
        hidden=True,
        action="moderation.delete",
        kind="moderation.deleted",
        note=note,
    )


def _require_author(case):
    if not case.author_id:
        raise ValidationError(_("This post has no author any more."))


@transaction.atomic
def case_warn(*, case, actor, note) -> Case:
    """Staff warn the author (a notification with the note); the post stays as it is."""
    if not actor.has_perm("moderation.review", case):
        raise PermissionDenied(_("Only committee staff review reports."))
    _require_author(case)
    note = _clean_note(note)
    if not note:
        raise ValidationError(_("Write what the warning is about."))
    audit_record(
        actor=actor,
        action="moderation.warn",
        target=case,
        subject=case.author_id,
        neighborhood=case.neighborhood_id,
        target_label=case.excerpt[:100],
        before={},
        after={"note": note},
    )
    notify(
        recipients=[case.author_id],
        kind="moderation.warned",
        params={"excerpt": case.excerpt[:60], "note": note},
        url=case.url,
        actor=actor,
    )
    return case


def _sanction(kind, days, actor):
    def apply(case, note):
        _require_author(case)
        if not note:
            raise ValidationError(_("Write the reason: the author is told."))
        until = timezone.now() + timedelta(days=days) if days else None
        Sanction.objects.create(
            person_id=case.author_id,
            neighborhood_id=case.neighborhood_id,
            kind=kind,
            until=until,
            reason=note,
            case=case,
            created_by=actor,
        )

    return apply


def case_mute(*, case, actor, days, note) -> Case:
    """Hide the post and mute its author for `days` days (1…365): they cannot post here until then."""
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MUTE_DAYS_MAX:
        raise ValidationError(_("Mute for 1 to %(n)d days.") % {"n": MUTE_DAYS_MAX})
    return _review(
        case=case,
        actor=actor,
        status=Case.Status.HIDDEN,
        hidden=True,
        action="moderation.mute",
        kind="moderation.muted",
        note=note,
        params={"days": days},
        sanction=_sanction(Sanction.Kind.MUTE, days, actor),
    )


def case_ban(*, case, actor, note) -> Case:
    """Delete the post and ban its author from posting (everywhere the check runs) until staff lift it."""
    return _review(
        case=case,
        actor=actor,
        status=Case.Status.DELETED,
        hidden=True,
        action="moderation.ban",
        kind="moderation.banned",
        note=note,
        sanction=_sanction(Sanction.Kind.BAN, 0, actor),
    )


DECISIONS = {
    "approve": case_approve,
    "hide": case_hide,
    "delete": case_delete,
    "warn": case_warn,
    "mute": case_mute,
    "ban": case_ban,
}


def case_decide(*, case, actor, decision, note="", days=None) -> Case:
    """One of DECISIONS, by name (views and the API)."""
    if decision not in DECISIONS:
        raise ValidationError(_("Choose what to do with the post."))
    kwargs = {"days": days} if decision == "mute" else {}
    return DECISIONS[decision](case=case, actor=actor, note=note, **kwargs)


@transaction.atomic
def sanction_lift(*, sanction, actor) -> Sanction:
    if not actor.has_perm("moderation.review", sanction.neighborhood):
        raise PermissionDenied(_("Only committee staff review reports."))
    if sanction.lifted_at is None:
        sanction.lifted_at = timezone.now()
        sanction.save(update_fields=["lifted_at"])
        audit_record(
            actor=actor,
            action="moderation.lift",
            target=sanction,
            subject=sanction.person_id,
            neighborhood=sanction.neighborhood_id,
            before={"kind": sanction.kind},
            after={"lifted": True},
        )
        notify(
            recipients=[sanction.person_id],
            kind="moderation.lifted",
            params={},
            url="",
            actor=actor,
        )
    return sanction


# --- appeals ------------------------------------------------------------------------------


@transaction.atomic
def case_appeal(*, case, person, note) -> Case:
    """The author appeals a decision once, with a note; the case goes back to the staff queue."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not person.has_perm("moderation.appeal", case):
        raise PermissionDenied(_("Only the author can appeal, once, after a decision."))
    note = (note or "").replace("\x00", "").strip()
    if not note:
        raise ValidationError(_("Say why the decision should change."))
    if len(note) > 500:
        raise ValidationError(_("The note can be at most %(n)d characters.") % {"n": 500})
    rate_check(person=person, scope="appeal")
    changed = (
        Case.objects.filter(pk=case.pk, appealed_at=None)
        .exclude(status=Case.Status.OPEN)
        .update(appeal_note=note, appealed_at=timezone.now(), status=Case.Status.OPEN)
    )
    if not changed:
        raise ValidationError(_("This decision was already appealed."))
    case.refresh_from_db()
    return case


# --- word lists and the classifier -----------------------------------------------------------


@transaction.atomic
def word_add(*, actor, neighborhood, word, kind) -> Word:
    if not actor.has_perm("moderation.manage_words", neighborhood):
        raise PermissionDenied(_("Only committee staff keep the word lists."))
    word = (word or "").replace("\x00", "").strip()
    if not word:
        raise ValidationError(_("Write a word."))
    if len(word) > WORD_MAX:
        raise ValidationError(_("A word has at most %(n)d characters.") % {"n": WORD_MAX})
    if kind not in Word.Kind.values:
        raise ValidationError(_("Choose whether the word is blocked or watched."))
    found, created = Word.objects.get_or_create(
        neighborhood=neighborhood, word=word, defaults={"kind": kind, "created_by": actor}
    )
    if not created and found.kind != kind:
        found.kind = kind
        found.save(update_fields=["kind"])
    audit_record(
        actor=actor,
        action="moderation.word_add",
        target=found,
        neighborhood=neighborhood.pk,
        before={},
        after={"word": word, "kind": kind},
    )
    return found


@transaction.atomic
def word_remove(*, actor, word) -> None:
    if not actor.has_perm("moderation.manage_words", word.neighborhood):
        raise PermissionDenied(_("Only committee staff keep the word lists."))
    audit_record(
        actor=actor,
        action="moderation.word_remove",
        target=word,
        neighborhood=word.neighborhood_id,
        before={"word": word.word, "kind": word.kind},
        after={},
    )
    word.delete()


def decided_examples():
    """(is_spam, text) from staff decisions: approved = ordinary; hidden or deleted = spam."""
    rows = (
        Case.objects.exclude(status=Case.Status.OPEN)
        .values_list("status", "text", "excerpt")
        .order_by("pk")
    )
    return [
        (status != Case.Status.APPROVED, text or excerpt)
        for status, text, excerpt in rows.iterator()
        if (text or excerpt)
    ]


def retrain() -> ClassifierState:
    """Train the classifier on the shipped labelled set plus staff decisions; keep only the newest model."""
    from .screen import labelled_examples

    examples = labelled_examples() + decided_examples()
    model = scoring.Classifier.trained(examples)
    with transaction.atomic():
        state = ClassifierState.objects.create(
            data=model.as_json(),
            spam_count=model.n_spam,
            ham_count=model.n_ham,
            trained_at=timezone.now(),
        )
        ClassifierState.objects.exclude(pk=state.pk).delete()
    return state
