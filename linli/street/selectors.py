"""Reads of the street office. The overview costs a constant number of queries whatever the
number of neighborhoods, requests or residents: one for the neighborhoods (with their stored
household and resident counters), one per figure source (office, consult, sorting, stats)
and one for the escalations."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from linli.community.models import Neighborhood, Street
from linli.consult.figures import participation
from linli.office.figures import months_back, open_requests, service_levels
from linli.sorting.figures import scores
from linli.stats.figures import activity

from .models import Department, Escalation

E = Escalation.Status


@dataclass
class Row:
    """One neighborhood's figures on the street's overview."""

    neighborhood: Neighborhood
    households: int
    residents: int
    participation: int | None
    consultations: int
    open_requests: int
    overdue_requests: int
    submitted: int
    on_time: int | None
    median_resolve: int | None
    sorting_score: int | None
    active_people: int
    escalations_open: int
    escalations_overdue: int
    per_month: list[int] = field(default_factory=list)


def escalation_counts(street_id: int) -> dict[int, dict[str, int]]:
    """{neighborhood id: {"open": n, "overdue": n}} of the street's open escalations (one query)."""
    now = timezone.now()
    late = Q(status=E.ESCALATED, accept_due__lt=now) | Q(resolve_due__lt=now)
    rows = (
        Escalation.objects.filter(street_id=street_id, status__in=Escalation.OPEN)
        .values("neighborhood_id")
        .annotate(n_open=Count("id"), n_late=Count("id", filter=late))
    )
    return {r["neighborhood_id"]: {"open": r["n_open"], "overdue": r["n_late"]} for r in rows}


def street_neighborhoods(street: Street) -> QuerySet[Neighborhood]:
    return Neighborhood.objects.filter(street=street).order_by("name", "pk")


def overview(street: Street, neighborhoods: list[Neighborhood], months: int = 12) -> list[Row]:
    """The figures of `neighborhoods` (of `street`), 6 queries for any number of them."""
    ids = [n.pk for n in neighborhoods]
    if not ids:
        return []
    office_open = open_requests(ids)
    levels = service_levels(ids, months)
    heard = participation(ids)
    sorting = scores(ids)
    active = activity(ids)
    escalated = escalation_counts(street.pk)
    rows = []
    for n in neighborhoods:
        o, lv = office_open.get(n.pk, {}), levels[n.pk]
        h, s, a = heard.get(n.pk, {}), sorting.get(n.pk, {}), active.get(n.pk, {})
        e = escalated.get(n.pk, {})
        rows.append(
            Row(
                neighborhood=n,
                households=n.household_count,
                residents=n.resident_count,
                participation=h.get("share"),
                consultations=h.get("consultations", 0),
                open_requests=o.get("open", 0),
                overdue_requests=o.get("overdue", 0),
                submitted=lv["submitted"],
                on_time=lv["on_time"],
                median_resolve=lv["median_resolve"],
                sorting_score=s.get("score"),
                active_people=a.get("people", 0),
                escalations_open=e.get("open", 0),
                escalations_overdue=e.get("overdue", 0),
                per_month=lv["per_month"],
            )
        )
    return rows


def month_labels(months: int = 12) -> list[str]:
    return [m.strftime("%y-%m") for m in months_back(months)]


def escalations(
    *, street: Street | None = None, neighborhood: Neighborhood | None = None, status: str = ""
) -> QuerySet[Escalation]:
    qs = Escalation.objects.select_related(
        "neighborhood", "department", "request__category"
    ).order_by("-created_at", "-id")
    if street is not None:
        qs = qs.filter(street=street)
    if neighborhood is not None:
        qs = qs.filter(neighborhood=neighborhood)
    if status == "open":
        qs = qs.filter(status__in=Escalation.OPEN)
    elif status in E.values:
        qs = qs.filter(status=status)
    return qs


def escalation_detail(pk: int) -> Escalation:
    return Escalation.objects.select_related(
        "neighborhood__street", "department", "request__category", "escalated_by", "routed_by"
    ).get(pk=pk)


def escalation_of(request_id: int) -> Escalation | None:
    """The request's latest escalation (open or not), for the request's page: one query."""
    return (
        Escalation.objects.filter(request_id=request_id)
        .select_related("department")
        .order_by("-created_at", "-id")
        .first()
    )


def departments_of(street: Street | int, active_only: bool = True) -> QuerySet[Department]:
    qs = Department.objects.filter(street_id=getattr(street, "pk", street))
    return qs.filter(active=True) if active_only else qs


def streets_of(user: Any) -> QuerySet[Street]:
    """The streets whose office this person works in."""
    from linli.community.predicates import roles_of

    return Street.objects.filter(pk__in=roles_of(user).streets).order_by("name")
