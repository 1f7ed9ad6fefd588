"""Merging a duplicate request into the one that stays (staff).

The duplicate is closed and points to the survivor (`Request.merged_into`); its reporter and
followers follow the survivor from then on, each person once (a follower of both, or the
survivor's own reporter, is not counted twice), and the survivor's “me too” count is
recounted from its follower rows while both requests are locked. Everyone who followed the
duplicate is told where it went; the survivor's reporter and followers are told it grew.

`request_follow` locks the request before it adds a follower and follows the survivor of a
merged request, so a “me too” racing a merge lands on the survivor, counted once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require
from linli.notify.actions import notify

from ..models import Request, RequestEvent, RequestFollower
from .requests import _audience, _tell

S = Request.Status


def _lock_both(first_pk, second_pk):
    """Both rows, locked in id order (two merges of the same pair cannot deadlock)."""
    rows = {
        r.pk: r
        for r in Request.objects.select_for_update(of=("self",))
        .select_related("category")
        .filter(pk__in=[first_pk, second_pk])
        .order_by("pk")
    }
    return rows[first_pk], rows[second_pk]


def request_merge(*, duplicate: Request, survivor: Request, actor, note: str = "") -> Request:
    """Merge `duplicate` into `survivor` (committee staff of their neighborhood). Returns the survivor."""
    require(
        actor,
        "office.merge_request",
        duplicate,
        _("Only committee staff of this neighborhood can merge requests."),
    )
    require(
        actor,
        "office.merge_request",
        survivor,
        _("Only committee staff of this neighborhood can merge requests."),
    )
    note = (note or "").strip()[:300]
    if duplicate.pk == survivor.pk:
        raise ValidationError(_("A request cannot be merged into itself."), code="same")
    if duplicate.neighborhood_id != survivor.neighborhood_id:
        raise ValidationError(
            _("Only requests of the same neighborhood can be merged."), code="neighborhood"
        )
    with transaction.atomic():
        duplicate, survivor = _lock_both(duplicate.pk, survivor.pk)
        if duplicate.merged_into_id:
            raise ValidationError(
                _("Request #%(n)s is already merged into #%(into)s.")
                % {"n": duplicate.pk, "into": duplicate.merged_into_id},
                code="merged",
            )
        if survivor.merged_into_id:
            raise ValidationError(
                _("Request #%(n)s was itself merged into #%(into)s: merge into that one.")
                % {"n": survivor.pk, "into": survivor.merged_into_id},
                code="merged",
            )
        if not duplicate.is_open or not survivor.is_open:
            raise ValidationError(_("Only open requests can be merged."), code="status")
        others = RequestFollower.objects.filter(request=duplicate).exists()
        if not survivor.public and (duplicate.reporter_id != survivor.reporter_id or others):
            # Its reporter and followers would follow a request they may not see.
            raise ValidationError(
                _("Merge into a public request (or merge the private one into this one)."),
                code="private",
            )
        told = _audience(duplicate)  # the duplicate's reporter and followers
        moved = _move_followers(duplicate, survivor)
        now = timezone.now()
        before = duplicate.status
        duplicate.status, duplicate.closed_at, duplicate.updated_at = S.CLOSED, now, now
        duplicate.merged_into, duplicate.follower_count = survivor, 0
        duplicate.status_note = (_("Merged into #%(n)s.") % {"n": survivor.pk} + " " + note).strip()
        duplicate.save()
        survivor.updated_at = now
        survivor.save(update_fields=["follower_count", "updated_at"])
        RequestEvent.objects.create(
            request=duplicate,
            actor=actor,
            kind=RequestEvent.Kind.STATUS,
            from_status=before,
            to_status=S.CLOSED,
            note=duplicate.status_note,
            created_at=now,
        )
        grown = _("Request #%(n)s, the same problem, was merged into this one.") % {
            "n": duplicate.pk
        }
        RequestEvent.objects.create(
            request=survivor,
            actor=actor,
            kind=RequestEvent.Kind.NOTE,
            note=grown,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action="office.request_merge",
            target=duplicate,
            neighborhood=duplicate.neighborhood_id,
            before={"status": before},
            after={"merged_into": survivor.pk, "followers_moved": moved, "note": note},
        )
        notify(
            recipients=told,
            kind="office.request_merged",
            actor=actor,
            url=reverse("office:request-detail", args=[survivor.pk]),
            neighborhood=survivor.neighborhood_id,
            params={"number": duplicate.pk, "survivor": survivor.pk, "note": note[:200]},
        )
        _tell(survivor, actor, note=grown)
    return survivor


def _move_followers(duplicate, survivor) -> int:
    """The duplicate's reporter and followers follow the survivor, each once; the survivor's
    count is recounted from its rows (the caller holds both rows locked). Returns how many
    people newly follow the survivor."""
    people = set(
        RequestFollower.objects.filter(request=duplicate).values_list("person_id", flat=True)
    )
    if duplicate.reporter_id:
        people.add(duplicate.reporter_id)
    people.discard(survivor.reporter_id)
    already = set(
        RequestFollower.objects.filter(request=survivor, person_id__in=people).values_list(
            "person_id", flat=True
        )
    )
    RequestFollower.objects.bulk_create(
        [RequestFollower(request=survivor, person_id=pid) for pid in sorted(people - already)],
        ignore_conflicts=True,
    )
    RequestFollower.objects.filter(request=duplicate).delete()
    survivor.follower_count = RequestFollower.objects.filter(request=survivor).count()
    return len(people - already)
