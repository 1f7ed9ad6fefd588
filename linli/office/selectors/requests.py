"""Reading requests: what each party sees, reporters by need, lists, details, similar requests, the dashboard."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import pgettext

from linli.community.models import Neighborhood
from linli.community.predicates import is_committee_staff
from linli.moderation.selectors import held_q
from linli.office.actions.stats import median
from linli.office.models import (
    ApiKey,
    Category,
    MonthStat,
    Party,
    Request,
    RequestEvent,
    RequestFollower,
)
from linli.office.predicates import is_responsible_party

S = Request.Status


def categories_of(neighborhood: Neighborhood, active_only: bool = True) -> QuerySet[Category]:
    qs = Category.objects.filter(neighborhood=neighborhood)
    return qs.filter(active=True) if active_only else qs


def overdue_q(now: datetime | None = None) -> Q:
    now = now or timezone.now()
    return Q(status=S.SUBMITTED, accept_due__lt=now) | Q(
        status__in=[S.ACCEPTED, S.IN_PROGRESS], resolve_due__lt=now
    )


def sees_all(user: Any, neighborhood: Neighborhood) -> bool:
    """Committee staff of the neighborhood: every request, with every detail."""
    return is_committee_staff(user, neighborhood)


def handled_parties(user: Any, neighborhood: Neighborhood) -> list[str]:
    """The parties whose requests this person handles here, asked of the same predicate as
    office.view_request (no role is compared here)."""
    return [
        party
        for party in Party.values
        if is_responsible_party(user, SimpleNamespace(neighborhood_id=neighborhood.pk, party=party))
    ]


def visible_q(user: Any, neighborhood: Neighborhood) -> Q:
    """office.view_request as a filter: public requests, one's own, those of the party one
    handles; committee staff see all."""
    if sees_all(user, neighborhood):
        return Q()
    public = Q(public=True) & ~held_q(Request)  # a request the spam check holds is not public
    if not getattr(user, "is_authenticated", False):
        return public
    q = public | Q(reporter_id=user.pk)
    parties = handled_parties(user, neighborhood)
    return q | Q(party__in=parties) if parties else q


@dataclass(frozen=True)
class Reporter:
    """The reporter's details one viewer may see; None where they may not."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None
    room: str | None = None

    @property
    def shown(self) -> list[str]:
        parts = [self.name, self.phone, self.email]
        if self.room:
            parts.append(pgettext("reporter's room", "Room %(address)s") % {"address": self.room})
        return [p for p in parts if p]


def reporter_view(user: Any, request: Request) -> Reporter:
    """The one place that decides which of a reporter's details reach a viewer (the page,
    the list, the API and any export go through it). Needs `reporter` and
    `household__building` loaded with the request."""
    see = {f: user.has_perm(f"office.see_reporter_{f}", request) for f in ("name", "phone", "room")}
    if not any(see.values()):
        return Reporter()
    person = request.reporter if request.reporter_id else None
    if person is not None:
        name = person.real_name or person.public_name
        phone, email = person.phone, None
    else:
        name = request.contact_name or None
        phone, email = request.contact_phone, request.contact_email
    household = request.household if request.household_id else None
    return Reporter(
        name=(name or None) if see["name"] else None,
        phone=(phone or None) if see["phone"] else None,
        email=(email or None) if see["phone"] else None,
        room=household.address if see["room"] and household is not None else None,
    )


def with_reporters(user: Any, rows: Iterable[Request]) -> list[Request]:
    """Put on each row (as `who`) the reporter's details this viewer may see."""
    rows = list(rows)
    for r in rows:
        r.who = reporter_view(user, r)  # type: ignore[attr-defined]  # shown beside the row
    return rows


# What reporter_view reads, for lists that load only some columns.
REPORTER_FIELDS = (
    "reporter",
    "household",
    "share_phone",
    "contact_name",
    "contact_email",
    "contact_phone",
    "reporter__id",
    "reporter__real_name",
    "reporter__display_name",
    "reporter__username",
    "reporter__phone",
    "reporter__deleted_at",
    "household__id",
    "household__unit",
    "household__room",
    "household__building__id",
    "household__building__number",
)


def request_list(
    *,
    user: Any,
    neighborhood: Neighborhood,
    status: str = "",
    category: int | None = None,
    party: str = "",
    overdue: bool = False,
    mine: bool = False,
    building: int | None = None,
) -> QuerySet[Request]:
    """Requests this person may see in a neighborhood (office.view_request), newest first."""
    qs = Request.objects.filter(neighborhood=neighborhood)
    if mine:
        qs = qs.filter(reporter_id=user.pk) if user.is_authenticated else qs.none()
    else:
        qs = qs.filter(visible_q(user, neighborhood))
    if status == "open":
        qs = qs.filter(status__in=Request.OPEN)
    elif status == "done":
        qs = qs.filter(status__in=Request.DONE)
    elif status in S.values:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category_id=category)
    if party in Party.values:
        qs = qs.filter(party=party)
    if building:
        qs = qs.filter(building_id=building)
    if overdue:
        qs = qs.filter(overdue_q(), status__in=Request.OPEN)
    return qs.select_related("category", "building", "reporter", "household__building").order_by(
        "-created_at", "-id"
    )


# What a row of the request list shows (fewer columns, faster rows on long lists).
LIST_FIELDS = (
    "id",
    "status",
    "public",
    "description",
    "party",
    "created_at",
    "follower_count",
    "merged_into",
    "accept_due",
    "resolve_due",
    "category__id",
    "category__name",
    "category__name_en",
    "building__id",
    "building__number",
    "neighborhood",
) + REPORTER_FIELDS


class Window:
    """A page of a long list without counting it: one query for per_page + 1 rows."""

    def __init__(self, queryset: QuerySet[Any], number: Any, per_page: int = 30) -> None:
        try:
            self.number = max(1, min(int(number or 1), 10_000))
        except (TypeError, ValueError):
            self.number = 1
        offset = (self.number - 1) * per_page
        rows = list(queryset[offset : offset + per_page + 1])
        self.object_list = rows[:per_page]
        self.has_next = len(rows) > per_page
        self.has_previous = self.number > 1
        self.next_page_number = self.number + 1
        self.previous_page_number = self.number - 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def request_detail(pk: int) -> Request:
    return Request.objects.select_related(
        "category", "building__compound", "neighborhood", "reporter", "household__building"
    ).get(pk=pk)


def request_events(request: Request) -> list[RequestEvent]:
    return list(
        RequestEvent.objects.filter(request=request)
        .select_related("actor")
        .order_by("created_at", "id")
    )


def is_following(user: Any, request: Request) -> bool:
    return (
        user.is_authenticated
        and RequestFollower.objects.filter(request=request, person_id=user.pk).exists()
    )


def similar_requests(
    *,
    neighborhood: Neighborhood,
    category: int | None = None,
    building: int | None = None,
    text: str = "",
    exclude: int | None = None,
    limit: int = 5,
) -> list[Request]:
    """Open public requests that may be the same problem: same category and building (or
    place), or sharing the description's longest words; newest first (one query)."""
    since = timezone.now() - timedelta(days=60)
    qs = Request.objects.filter(
        ~held_q(Request),
        neighborhood=neighborhood,
        public=True,
        status__in=Request.OPEN,
        created_at__gte=since,
    )
    if exclude:
        qs = qs.exclude(pk=exclude)
    cond = Q()
    if category:
        cond |= (
            Q(category_id=category, building_id=building) if building else Q(category_id=category)
        )
    words = _keywords(text)
    for word in words:
        cond |= Q(description__icontains=word)
    if not cond:
        return []
    return list(
        qs.filter(cond)
        .select_related("category", "building")
        .order_by("-follower_count", "-created_at")[:limit]
    )


def _keywords(text: str, n: int = 3) -> list[str]:
    import jieba

    text = (text or "").replace("\x00", "").strip()[:500]
    if len(text) < 2:
        return []
    stop = {
        "的",
        "了",
        "在",
        "是",
        "我",
        "有",
        "和",
        "就",
        "不",
        "人",
        "都",
        "一个",
        "上",
        "也",
        "很",
        "到",
        "说",
        "要",
        "去",
        "你",
        "会",
        "着",
        "没有",
        "看",
        "好",
        "自己",
        "这",
        "the",
        "and",
        "is",
        "in",
        "at",
        "of",
        "to",
        "a",
    }
    words = {
        w.strip()
        for w in jieba.cut_for_search(text)
        if len(w.strip()) >= 2 and w.strip().lower() not in stop
    }
    return sorted(words, key=len, reverse=True)[:n]


def dashboard(neighborhood: Neighborhood, months: int = 12) -> dict[str, Any]:
    """Per party and month: submitted, resolved, median hours to accept and to resolve, late
    resolutions (stored MonthStat rows), and open overdue requests by party now (2 queries)."""
    today = timezone.localdate()
    first = date(today.year, today.month, 1)
    labels = []
    y, m = first.year, first.month
    for _ in range(months):
        labels.append(date(y, m, 1))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    labels.reverse()
    rows = {
        (r.party, r.month): r
        for r in MonthStat.objects.filter(neighborhood=neighborhood, month__gte=labels[0])
    }
    table = []
    for month in labels:
        for party in Party.values:
            r = rows.get((party, month))
            table.append(
                {
                    "month": month,
                    "party": party,
                    "party_label": Party(party).label,
                    "submitted": r.submitted if r else 0,
                    "resolved": r.resolved if r else 0,
                    "late": r.resolved_late if r else 0,
                    "median_accept": median(r.accept_hours) if r else None,
                    "median_resolve": median(r.resolve_hours) if r else None,
                }
            )
    from django.db.models import Count

    overdue = dict(
        Request.objects.filter(overdue_q(), neighborhood=neighborhood, status__in=Request.OPEN)
        .values_list("party")
        .annotate(n=Count("id"))
        .values_list("party", "n")
    )
    return {
        "months": labels,
        "table": table,
        "overdue": {p: overdue.get(p, 0) for p in Party.values},
    }


def totals(table: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Sums over the months per party, and the medians over every month's histogram."""
    out: dict[str, dict[str, Any]] = {}
    for row in table:
        t = out.setdefault(
            row["party"],
            {"party_label": row["party_label"], "submitted": 0, "resolved": 0, "late": 0},
        )
        t["submitted"] += row["submitted"]
        t["resolved"] += row["resolved"]
        t["late"] += row["late"]
    return out


def neighborhoods_to_choose() -> list[Neighborhood]:
    """The neighborhoods an anonymous visitor picks from (the first 50 by name)."""
    return list(Neighborhood.objects.order_by("name")[:50])


def api_keys_of(neighborhood: Neighborhood) -> list[ApiKey]:
    return list(ApiKey.objects.filter(neighborhood=neighborhood).select_related("created_by")[:100])
