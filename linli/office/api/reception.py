"""Office API: reception days and their slots."""

from datetime import timedelta

from django.shortcuts import get_object_or_404
from ninja import Path, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG
from linli.community.shortcuts import neighborhood_or_404
from linli.core.paging import Mapped, Pages
from linli.core.perms import require
from linli.office import actions, selectors
from linli.office.actions.reception import slot_starts
from linli.office.models import Occurrence, ReceptionSlot

from .common import router
from .schemas import OccurrenceDetailOut, OccurrenceOut, ReceptionSlotOut, SlotIn


def _occurrence(o):
    return {
        "id": o.pk,
        "title": o.series.title,
        "starts_at": o.starts_at,
        "ends_at": o.ends_at,
        "original_start": o.original_start,
        "status": o.status,
        "note": o.note,
        "where": o.series.where or "",
        "slot_minutes": o.series.slot_minutes,
        "slot_count": o.slot_count,
    }


def _slot(s):
    """A booked slot; its occurrence's series is loaded (for the slot length)."""
    return {
        "id": s.pk,
        "occurrence_id": s.occurrence_id,
        "starts_at": s.starts_at,
        "ends_at": s.starts_at + timedelta(minutes=s.occurrence.series.slot_minutes),
        "subject": s.subject,
    }


@router.get("/reception/n/{slug}", response=list[OccurrenceOut], summary="Upcoming reception days")
def reception_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "office.view_reception")
    return [_occurrence(o) for o in selectors.upcoming_occurrences(neighborhood)]


@router.get(
    "/reception/slots/mine",
    response=list[ReceptionSlotOut],
    auth=signed_in,
    summary="My booked slots",
)
@paginate(Pages)
def slot_mine(request):
    return Mapped(selectors.my_slots(request.user), _slot)


@router.get(
    "/reception/{occurrence_id}",
    response=OccurrenceDetailOut,
    summary="One reception day with its free slots",
)
def reception_detail(request, occurrence_id: int = Path(..., ge=1, le=MAX_ID)):
    occ = get_object_or_404(Occurrence.objects.select_related("series__space"), pk=occurrence_id)
    require(request.user, "office.view_reception", occ)
    taken = selectors.taken_starts(occ)
    return {**_occurrence(occ), "free_slots": [s for s in slot_starts(occ) if s not in taken]}


@router.post(
    "/reception/{occurrence_id}/slots",
    response={201: ReceptionSlotOut},
    auth=signed_in,
    summary="Book a slot",
)
def slot_book(request, payload: SlotIn, occurrence_id: int = Path(..., ge=1, le=MAX_ID)):
    occ = get_object_or_404(
        Occurrence.objects.select_related("series", "neighborhood"), pk=occurrence_id
    )
    slot = actions.slot_book(
        occurrence=occ, person=request.user, starts_at=payload.starts_at, subject=payload.subject
    )
    return Status(201, _slot(slot))


@router.delete(
    "/reception/slots/{slot_id}", response={204: None}, auth=signed_in, summary="Cancel a slot"
)
def slot_cancel(request, slot_id: int = Path(..., ge=1, le=MAX_ID)):
    slot = get_object_or_404(ReceptionSlot.objects.select_related("occurrence"), pk=slot_id)
    actions.slot_cancel(slot=slot, actor=request.user)
    return Status(204, None)
