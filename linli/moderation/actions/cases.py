"""Deciding cases: approve, hide, delete, warn, mute, ban; sanctions lifted; appeals."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.moderation.models import Case, Sanction
from linli.moderation.registry import handler_for
from linli.notify.actions import notify

from .common import NOTE_MAX, rate_check

MUTE_DAYS_MAX = 365


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
