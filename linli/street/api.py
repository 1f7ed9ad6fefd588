"""/api/v1/street/: the street's overview, escalations and departments — the same selectors,
actions and rules as the pages."""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, Body
from linli.community.models import Street
from linli.core.paging import Mapped, Pages
from linli.core.perms import require
from linli.office.models import Request

from . import actions, selectors
from .models import Department, Escalation

router = Router(tags=["street"])
PREFIX = "/street"


class NeighborhoodFiguresOut(Schema):
    slug: str
    name: str
    households: int
    residents: int
    participation: int | None = Field(..., description="% of households heard, last year")
    consultations: int
    open_requests: int
    overdue_requests: int
    submitted: int = Field(..., description="requests in the last 12 months")
    on_time: int | None = Field(..., description="% resolved in time, last 12 months")
    median_resolve: int | None = Field(..., description="hours")
    sorting_score: int | None
    active_people: int = Field(..., description="people who earned points, last 30 days")
    escalations_open: int
    escalations_overdue: int
    per_month: list[int]


class EscalationOut(Schema):
    id: int
    request_id: int
    neighborhood: str
    status: str
    reason: str
    department_id: int | None
    department: str | None
    route_note: str
    answer: str
    overdue: bool
    accept_due: datetime
    resolve_due: datetime
    created_at: datetime
    closed_at: datetime | None


class StreetDepartmentOut(Schema):
    id: int
    name: str
    name_en: str
    contact: str
    resolve_hours: int
    active: bool


class EscalationCreateIn(Body):
    reason: str = Field(..., min_length=1, max_length=1000)


class EscalationRouteIn(Body):
    department_id: int = Field(..., ge=1, le=MAX_ID)
    note: str = Field("", max_length=500)


class EscalationAnswerIn(Body):
    text: str = Field(..., min_length=1, max_length=2000)


class StreetDepartmentIn(Body):
    name: str = Field(..., min_length=1, max_length=60)
    name_en: str = Field("", max_length=60)
    contact: str = Field("", max_length=120)
    resolve_hours: int = Field(120, ge=1, le=10000)
    active: bool = True


def _street(request, pk, perm="street.view_overview"):
    street = get_object_or_404(Street, pk=pk)
    require(request.user, perm, street)
    return street


def _row(r):
    return {
        "slug": r.neighborhood.slug,
        "name": r.neighborhood.name,
        **{
            k: getattr(r, k)
            for k in NeighborhoodFiguresOut.model_fields
            if k not in ("slug", "name")
        },
    }


def _escalation(e):
    return {
        "id": e.pk,
        "request_id": e.request_id,
        "neighborhood": e.neighborhood.slug,
        "status": e.status,
        "reason": e.reason,
        "department_id": e.department_id,
        "department": e.department.name if e.department_id else None,
        "route_note": e.route_note,
        "answer": e.answer,
        "overdue": e.overdue,
        "accept_due": e.accept_due,
        "resolve_due": e.resolve_due,
        "created_at": e.created_at,
        "closed_at": e.closed_at,
    }


@router.get(
    "/s/{street_id}/neighborhoods",
    response=list[NeighborhoodFiguresOut],
    auth=signed_in,
    summary="Figures of the street's neighborhoods (street staff)",
)
@paginate(Pages, page_size=30)
def overview(request, street_id: int = Path(..., ge=1, le=MAX_ID)):
    street = _street(request, street_id)

    class Rows:
        """The page's neighborhoods get their figures in a constant number of queries."""

        def __init__(self):
            self.qs = selectors.street_neighborhoods(street)

        def count(self):
            return self.qs.count()

        def __len__(self):
            return self.count()

        def __getitem__(self, item):
            return [_row(r) for r in selectors.overview(street, list(self.qs[item]))]

    return Rows()


@router.get(
    "/s/{street_id}/escalations",
    response=list[EscalationOut],
    auth=signed_in,
    summary="Requests escalated to the street (street staff)",
)
@paginate(Pages, page_size=30)
def escalation_list(
    request,
    street_id: int = Path(..., ge=1, le=MAX_ID),
    status: str = Query("open", pattern=r"^(open|all|escalated|routed|resolved|returned)$"),
):
    street = _street(request, street_id)
    return Mapped(selectors.escalations(street=street, status=status), _escalation)


@router.get(
    "/escalations/{escalation_id}",
    response=EscalationOut,
    auth=signed_in,
    summary="One escalated request (the street, the neighborhood's committee)",
)
def escalation_detail(request, escalation_id: int = Path(..., ge=1, le=MAX_ID)):
    return _escalation(_get(request, escalation_id))


def _get(request, pk, perm="street.view_escalation"):
    try:
        item = selectors.escalation_detail(pk)
    except Escalation.DoesNotExist:
        raise Http404 from None
    require(request.user, perm, item)
    return item


@router.post(
    "/requests/{request_id}/escalate",
    response={201: EscalationOut},
    auth=signed_in,
    summary="Escalate a request to the street (the neighborhood's committee)",
)
def escalation_create(
    request, payload: EscalationCreateIn, request_id: int = Path(..., ge=1, le=MAX_ID)
):
    item = get_object_or_404(
        Request.objects.select_related("category", "neighborhood"), pk=request_id
    )
    require(request.user, "street.escalate_request", item)
    made = actions.escalation_create(request=item, actor=request.user, reason=payload.reason)
    return Status(201, _escalation(selectors.escalation_detail(made.pk)))


@router.post(
    "/escalations/{escalation_id}/route",
    response=EscalationOut,
    auth=signed_in,
    summary="Route to a department (street staff)",
)
def escalation_route(
    request, payload: EscalationRouteIn, escalation_id: int = Path(..., ge=1, le=MAX_ID)
):
    item = _get(request, escalation_id, "street.handle_escalation")
    department = Department.objects.filter(pk=payload.department_id).first()
    actions.escalation_route(
        escalation=item, actor=request.user, department=department, note=payload.note
    )
    return _escalation(selectors.escalation_detail(item.pk))


@router.post(
    "/escalations/{escalation_id}/answer",
    response=EscalationOut,
    auth=signed_in,
    summary="Answer and close (street staff)",
)
def escalation_answer(
    request, payload: EscalationAnswerIn, escalation_id: int = Path(..., ge=1, le=MAX_ID)
):
    item = _get(request, escalation_id, "street.handle_escalation")
    actions.escalation_answer(escalation=item, actor=request.user, answer=payload.text)
    return _escalation(selectors.escalation_detail(item.pk))


@router.post(
    "/escalations/{escalation_id}/return",
    response=EscalationOut,
    auth=signed_in,
    summary="Return to the neighborhood, saying why (street staff)",
)
def escalation_return(
    request, payload: EscalationAnswerIn, escalation_id: int = Path(..., ge=1, le=MAX_ID)
):
    item = _get(request, escalation_id, "street.handle_escalation")
    actions.escalation_return(escalation=item, actor=request.user, reason=payload.text)
    return _escalation(selectors.escalation_detail(item.pk))


@router.get(
    "/s/{street_id}/departments",
    response=list[StreetDepartmentOut],
    auth=signed_in,
    summary="The street's departments (street staff)",
)
def department_list(request, street_id: int = Path(..., ge=1, le=MAX_ID)):
    street = _street(request, street_id)
    return list(selectors.departments_of(street, active_only=False)[:200])


@router.post(
    "/s/{street_id}/departments",
    response={201: StreetDepartmentOut},
    auth=signed_in,
    summary="Add a department (street staff)",
)
def department_create(
    request, payload: StreetDepartmentIn, street_id: int = Path(..., ge=1, le=MAX_ID)
):
    street = _street(request, street_id, "street.manage_departments")
    made = actions.department_save(actor=request.user, street=street, **payload.dict())
    return Status(201, made)
