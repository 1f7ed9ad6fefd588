"""Office API: requests."""

from dataclasses import asdict

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG
from linli.community.models import Building, Neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.core.paging import Mapped, Pages
from linli.core.perms import require
from linli.office import actions, selectors
from linli.office.models import Category, Request

from .common import router
from .schemas import (
    CategoryOut,
    EventOut,
    FollowOut,
    RateIn,
    ReasonIn,
    RequestFilter,
    RequestIn,
    RequestMergeIn,
    RequestOut,
    TransferIn,
    TransitionIn,
)


def _request(user):
    def row(r):
        return {
            "id": r.pk,
            "neighborhood": r.neighborhood.slug,
            "category": r.category.name,
            "category_id": r.category_id,
            "party": r.party,
            "status": r.status,
            "status_note": r.status_note,
            "description": r.description,
            "building_id": r.building_id,
            "place": r.place,
            "lat": r.lat,
            "long": r.long,
            "public": r.public,
            "overdue": r.overdue,
            "follower_count": r.follower_count,
            "merged_into": r.merged_into_id,
            "rating": r.rating,
            "created_at": r.created_at,
            "updated_at": r.updated_at,
            "accept_due": r.accept_due,
            "resolve_due": r.resolve_due,
            "mine": bool(user.is_authenticated and r.reporter_id == user.pk),
            "share_phone": r.share_phone,
            "reporter": asdict(selectors.reporter_view(user, r)),
        }

    return row


@router.get(
    "/requests/n/{slug}/categories",
    response=list[CategoryOut],
    summary="Request categories of a neighborhood",
)
def category_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    return [
        {
            "id": c.pk,
            "code": c.code,
            "name": c.name,
            "name_en": c.name_en,
            "party": c.party,
            "accept_hours": c.accept_hours,
            "resolve_hours": c.resolve_hours,
        }
        for c in selectors.categories_of(neighborhood)
    ]


@router.get(
    "/requests/n/{slug}",
    response=list[RequestOut],
    summary="Requests of a neighborhood (public ones, mine and those my party handles; committee staff see all)",
)
@paginate(Pages)
def request_list(
    request, slug: str = Path(..., pattern=SLUG, max_length=50), filters: RequestFilter = Query(...)
):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    qs = selectors.request_list(
        user=request.user,
        neighborhood=neighborhood,
        status=filters.status,
        category=filters.category,
        party=filters.party,
        overdue=filters.overdue,
        mine=filters.mine,
    ).select_related("neighborhood")
    return Mapped(qs, _request(request.user))


@router.post(
    "/requests/n/{slug}", response={201: RequestOut}, auth=signed_in, summary="Send a request"
)
def request_create(request, payload: RequestIn, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "office.submit_request")
    category = get_object_or_404(Category, pk=payload.category_id, neighborhood=neighborhood)
    building = (
        get_object_or_404(Building, pk=payload.building_id, neighborhood=neighborhood)
        if payload.building_id
        else None
    )
    made = actions.request_submit(
        reporter=request.user,
        neighborhood=neighborhood,
        category=category,
        description=payload.description,
        building=building,
        place=payload.place,
        lat=payload.lat,
        long=payload.long,
        public=payload.public,
        share_phone=payload.share_phone,
        source=Request.Source.API,
    )
    return Status(201, _request(request.user)(selectors.request_detail(made.pk)))


def _get(request, pk, perm="office.view_request"):
    item = get_object_or_404(
        Request.objects.select_related(
            "category", "neighborhood", "reporter", "household__building"
        ),
        pk=pk,
    )
    require(request.user, perm, item)
    return item


@router.get("/requests/{request_id}", response=RequestOut, summary="One request")
def request_detail(request, request_id: int = Path(..., ge=1, le=MAX_ID)):
    return _request(request.user)(_get(request, request_id))


@router.get("/requests/{request_id}/events", response=list[EventOut], summary="A request's history")
def request_events(request, request_id: int = Path(..., ge=1, le=MAX_ID)):
    item = _get(request, request_id)
    return [
        {
            "kind": e.kind,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "from_party": e.from_party,
            "to_party": e.to_party,
            "note": e.note,
            "created_at": e.created_at,
        }
        for e in selectors.request_events(item)
    ]


def _after(request, pk):
    return _request(request.user)(selectors.request_detail(pk))


@router.post(
    "/requests/{request_id}/status",
    response=RequestOut,
    auth=signed_in,
    summary="Move a request on (the responsible party)",
)
def request_transition(
    request, payload: TransitionIn, request_id: int = Path(..., ge=1, le=MAX_ID)
):
    actions.request_transition(
        request=_get(request, request_id), actor=request.user, to=payload.status, note=payload.note
    )
    return _after(request, request_id)


@router.post(
    "/requests/{request_id}/transfer",
    response=RequestOut,
    auth=signed_in,
    summary="Hand a request to another party (joint office)",
)
def request_transfer(request, payload: TransferIn, request_id: int = Path(..., ge=1, le=MAX_ID)):
    actions.request_transfer(
        request=_get(request, request_id),
        actor=request.user,
        party=payload.party,
        reason=payload.reason,
    )
    return _after(request, request_id)


@router.post(
    "/requests/{request_id}/merge",
    response=RequestOut,
    auth=signed_in,
    summary="Merge this duplicate into the request that stays (committee staff); returns that one",
)
def request_merge(request, payload: RequestMergeIn, request_id: int = Path(..., ge=1, le=MAX_ID)):
    duplicate = _get(request, request_id, "office.merge_request")
    survivor = _get(request, payload.into, "office.merge_request")
    actions.request_merge(
        duplicate=duplicate, survivor=survivor, actor=request.user, note=payload.note
    )
    return _after(request, survivor.pk)


@router.post(
    "/requests/{request_id}/follow",
    response=FollowOut,
    auth=signed_in,
    summary="Me too: follow a public request",
)
def request_follow(request, request_id: int = Path(..., ge=1, le=MAX_ID)):
    item = _get(request, request_id)
    actions.request_follow(request=item, person=request.user)
    return {
        "following": True,
        "follower_count": Request.objects.values_list("follower_count", flat=True).get(pk=item.pk),
    }


@router.delete(
    "/requests/{request_id}/follow", response=FollowOut, auth=signed_in, summary="Stop following"
)
def request_unfollow(request, request_id: int = Path(..., ge=1, le=MAX_ID)):
    item = _get(request, request_id)
    actions.request_unfollow(request=item, person=request.user)
    return {
        "following": False,
        "follower_count": Request.objects.values_list("follower_count", flat=True).get(pk=item.pk),
    }


@router.post(
    "/requests/{request_id}/rate",
    response=RequestOut,
    auth=signed_in,
    summary="Rate the outcome (the reporter)",
)
def request_rate(request, payload: RateIn, request_id: int = Path(..., ge=1, le=MAX_ID)):
    actions.request_rate(
        request=_get(request, request_id),
        person=request.user,
        rating=payload.rating,
        comment=payload.comment,
    )
    return _after(request, request_id)


@router.post(
    "/requests/{request_id}/reopen",
    response=RequestOut,
    auth=signed_in,
    summary="Reopen within 7 days (the reporter)",
)
def request_reopen(request, payload: ReasonIn, request_id: int = Path(..., ge=1, le=MAX_ID)):
    actions.request_reopen(
        request=_get(request, request_id), person=request.user, reason=payload.reason
    )
    return _after(request, request_id)
