"""/api/v1/sorting/: search the guide, items, drop-off points, suggestions, checks and the scoreboard."""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG
from linli.community.models import Building
from linli.community.shortcuts import neighborhood_or_404
from linli.core.pagecache import cached_page
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, selectors
from .models import Check, DropOffPoint, Item, Kind

router = Router(tags=["sorting"])
PREFIX = "/sorting"


class ItemOut(Schema):
    id: int
    name_zh: str
    name_en: str
    kind: str
    kind_label: str
    url: str


class ItemDetailOut(ItemOut):
    synonyms: list[str]
    preparation: str
    local: bool


class PointOut(Schema):
    id: int
    compound: str
    name: str
    name_en: str
    location: str
    times: str
    kinds: list[str]
    building_ids: list[int]


class SearchIn(Schema):
    q: str = Field("", max_length=40)
    kind: Kind | None = None


class SuggestIn(Schema):
    name_zh: str = Field(..., min_length=1, max_length=40)
    name_en: str = Field("", max_length=60)
    kind: Kind | None = None
    note: str = Field("", max_length=300)


class SuggestionOut(Schema):
    id: int
    name_zh: str
    status: str


class CheckIn(Schema):
    building_id: int = Field(..., ge=1, le=MAX_ID)
    point_id: int | None = Field(None, ge=1, le=MAX_ID)
    day: date
    result: Check.Result
    note: str = Field("", max_length=300)


class CheckOut(Schema):
    id: int
    building_id: int
    point_id: int | None
    day: date
    result: str
    note: str


class ScoreRow(Schema):
    building_id: int
    compound: str
    building: str
    score: int | None
    good: int
    mixed: int
    contaminated: int
    trend: list[int | None]


class ScoreboardOut(Schema):
    month: str
    months: list[str]
    rows: list[ScoreRow]


def _item(entry) -> dict:
    return {
        "id": entry.id,
        "name_zh": entry.name_zh,
        "name_en": entry.name_en,
        "kind": entry.kind,
        "kind_label": str(Kind(entry.kind).label),
        "url": f"/sorting/items/{entry.id}/",
    }


@router.get(
    "/n/{slug}/search",
    response=list[ItemOut],
    summary="Search the guide (Chinese, English, pinyin, initials, near spellings)",
)
@decorate_view(cached_page)
def search(
    request, slug: str = Path(..., pattern=SLUG, max_length=50), filters: SearchIn = Query(...)
):
    neighborhood = neighborhood_or_404(request, slug, "sorting.view_guide")
    q = filters.q.replace("\x00", "").strip()
    if q:
        entries = [e for e, _s in selectors.search(neighborhood.pk, q, limit=30)]
    else:
        entries = []
    if filters.kind:
        entries = [e for e in entries if e.kind == filters.kind]
    return [_item(e) for e in entries]


@router.get(
    "/n/{slug}/items",
    response=list[ItemOut],
    summary="Every item of the guide, optionally of one kind",
)
@paginate(Pages)
def item_list(
    request, slug: str = Path(..., pattern=SLUG, max_length=50), kind: Kind | None = None
):
    neighborhood = neighborhood_or_404(request, slug, "sorting.view_guide")
    entries = sorted(
        selectors.guide.index_for(neighborhood.pk).entries, key=lambda e: (e.name_zh, e.id)
    )
    if kind:
        entries = [e for e in entries if e.kind == kind]
    return [_item(e) for e in entries]


@router.get(
    "/items/{item_id}", response=ItemDetailOut, summary="One item: its kind and how to prepare it"
)
def item_detail(request, item_id: int = Path(..., ge=1, le=MAX_ID)):
    item = get_object_or_404(Item, pk=item_id)
    if item.status != Item.Status.PUBLISHED:
        require(request.user, "sorting.manage_guide", item)
    return {
        "id": item.pk,
        "name_zh": item.name_zh,
        "name_en": item.name_en,
        "kind": item.kind,
        "kind_label": str(item.get_kind_display()),
        "url": item.get_absolute_url(),
        "synonyms": selectors.guide.split_synonyms(item.synonyms),
        "preparation": selectors.item_preparation(item),
        "local": item.neighborhood_id is not None,
    }


def _point(p: DropOffPoint) -> dict:
    return {
        "id": p.pk,
        "compound": p.compound.name,
        "name": p.name,
        "name_en": p.name_en,
        "location": p.location,
        "times": p.times,
        "kinds": p.kind_list,
        "building_ids": [b.pk for b in p.buildings.all()],
    }


@router.get("/n/{slug}/points", response=list[PointOut], summary="Drop-off points and times")
def point_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "sorting.view_guide")
    return [_point(p) for p in selectors.points_of(neighborhood)]


@router.post(
    "/n/{slug}/suggestions",
    response={201: SuggestionOut},
    auth=signed_in,
    summary="Suggest a missing item (verified residents)",
)
def suggest(request, payload: SuggestIn, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "sorting.suggest_item")
    item = actions.item_suggest(
        neighborhood=neighborhood,
        person=request.user,
        name_zh=payload.name_zh.replace("\x00", ""),
        name_en=payload.name_en.replace("\x00", ""),
        kind=payload.kind or "",
        note=payload.note.replace("\x00", ""),
    )
    return Status(201, {"id": item.pk, "name_zh": item.name_zh, "status": item.status})


@router.post(
    "/n/{slug}/checks",
    response={201: CheckOut},
    auth=signed_in,
    summary="Record a sorting check (staff)",
)
def check_create(request, payload: CheckIn, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "sorting.record_check")
    building = get_object_or_404(Building, pk=payload.building_id, neighborhood=neighborhood)
    point = (
        get_object_or_404(DropOffPoint, pk=payload.point_id, neighborhood=neighborhood)
        if payload.point_id
        else None
    )
    check = actions.check_record(
        building=building,
        actor=request.user,
        day=payload.day,
        result=payload.result,
        point=point,
        note=payload.note.replace("\x00", ""),
    )
    return Status(
        201,
        {
            "id": check.pk,
            "building_id": building.pk,
            "point_id": check.point_id,
            "day": check.day,
            "result": check.result,
            "note": check.note,
        },
    )


@router.get(
    "/buildings/{building_id}/checks",
    response=list[CheckOut],
    auth=signed_in,
    summary="A building's checks (staff, its leader)",
)
@paginate(Pages)
def building_checks(request, building_id: int = Path(..., ge=1, le=MAX_ID)):
    building = get_object_or_404(Building, pk=building_id)
    require(request.user, "sorting.view_building_checks", building)
    return Mapped(
        selectors.building_checks(building),
        lambda c: {
            "id": c.pk,
            "building_id": c.building_id,
            "point_id": c.point_id,
            "day": c.day,
            "result": c.result,
            "note": c.note,
        },
    )


@router.get(
    "/n/{slug}/scoreboard",
    response=ScoreboardOut,
    auth=signed_in,
    summary="The monthly building scoreboard",
)
def scoreboard(
    request,
    slug: str = Path(..., pattern=SLUG, max_length=50),
    month: str = Query("", pattern=r"^(\d{4}-\d{2})?$"),
):
    neighborhood = neighborhood_or_404(request, slug, "sorting.view_scoreboard")
    try:
        first = (
            date(int(month[:4]), int(month[5:]), 1)
            if month
            else timezone.localdate().replace(day=1)
        )
    except ValueError:
        from ninja.errors import HttpError

        raise HttpError(422, "month must be YYYY-MM") from None
    table, months = selectors.scoreboard(neighborhood, first)
    rows = [
        {
            "building_id": r["building"].pk,
            "compound": r["building"].compound.name,
            "building": r["building"].number,
            "score": r["score"],
            "good": r["month"].good if r["month"] else 0,
            "mixed": r["month"].mixed if r["month"] else 0,
            "contaminated": r["month"].contaminated if r["month"] else 0,
            "trend": r["trend"],
        }
        for r in table
    ]
    return {"month": f"{first:%Y-%m}", "months": [f"{m:%Y-%m}" for m in months], "rows": rows}
