"""A year of generated requests with believable timings (log-normal), reporters and buildings."""

import math
from datetime import timedelta

from django.utils import timezone

from linli.office.models import (
    Request,
    RequestEvent,
)

TOTAL = 1500


def _lognormal(rng, median_hours, sigma=0.9):
    return max(0.2, median_hours * math.exp(rng.gauss(0, sigma)))


def make_requests(
    neighborhood, categories, reporters, buildings, *, count, start, end, rng, with_events=True
):
    """Bulk-create `count` requests between start and end with plausible histories."""
    weights = [c.weight for c in categories]
    now = timezone.now()
    span = (end - start).total_seconds()
    rows, _meta = [], []
    for i in range(count):
        c = rng.choices(categories, weights)[0]
        created = start + timedelta(seconds=span * (i + rng.random()) / count)
        if created.hour < 7 and rng.random() < 0.8:
            created += timedelta(hours=8)
        created = min(created, now - timedelta(minutes=5))
        b = rng.choice(buildings)
        text = rng.choice(c.texts).format(b=b.number)
        reporter_id, household_id = rng.choice(reporters)
        age_h = (now - created).total_seconds() / 3600
        accepted = created + timedelta(hours=_lognormal(rng, c.accept_hours * 0.35))
        resolved = accepted + timedelta(hours=_lognormal(rng, c.resolve_hours * 0.45, 0.8))
        status, acc, res, closed, rating = Request.Status.SUBMITTED, None, None, None, None
        if rng.random() < 0.04 and accepted < now:
            status, closed = Request.Status.REJECTED, accepted
        elif resolved < now:
            acc, res = accepted, resolved
            if (now - resolved).days >= 7 or rng.random() < 0.5:
                status, closed = (
                    Request.Status.CLOSED,
                    resolved + timedelta(days=rng.choice([1, 2, 7])),
                )
                rating = (
                    rng.choices([5, 4, 3, 2, 1], [45, 30, 13, 7, 5])[0]
                    if rng.random() < 0.6
                    else None
                )
            else:
                status = Request.Status.RESOLVED
        elif accepted < now:
            acc = accepted
            status = Request.Status.IN_PROGRESS if rng.random() < 0.7 else Request.Status.ACCEPTED
        closed = min(closed, now) if closed else None
        updated = max(x for x in [created, acc, res, closed] if x)
        rows.append(
            Request(
                neighborhood=neighborhood,
                category=c,
                party=c.party,
                reporter_id=reporter_id,
                household_id=household_id,
                description=text,
                building=b if rng.random() < 0.8 else None,
                public=rng.random() < 0.75,
                status=status,
                status_note="不属于公共部位，请业主自行维修。"
                if status == Request.Status.REJECTED
                else "",
                accept_due=created + timedelta(hours=c.accept_hours),
                resolve_due=created + timedelta(hours=c.resolve_hours),
                accepted_at=acc,
                resolved_at=res,
                closed_at=closed,
                rating=rating,
                created_at=created,
                updated_at=updated,
            )
        )
        del age_h
    Request.objects.bulk_create(rows, batch_size=2000)
    if with_events:
        events = []
        for r in rows:
            events.append(
                RequestEvent(
                    request=r,
                    actor_id=r.reporter_id,
                    kind="submitted",
                    to_status="submitted",
                    to_party=r.party,
                    created_at=r.created_at,
                )
            )
            if r.accepted_at:
                events.append(
                    RequestEvent(
                        request=r,
                        kind="status",
                        from_status="submitted",
                        to_status="accepted",
                        created_at=r.accepted_at,
                    )
                )
            if r.resolved_at:
                events.append(
                    RequestEvent(
                        request=r,
                        kind="status",
                        from_status="accepted",
                        to_status="resolved",
                        note="已处理，请查看。",
                        created_at=r.resolved_at,
                    )
                )
            if r.status == "rejected":
                events.append(
                    RequestEvent(
                        request=r,
                        kind="status",
                        from_status="submitted",
                        to_status="rejected",
                        note=r.status_note,
                        created_at=r.closed_at,
                    )
                )
            elif r.status == "in_progress":
                events.append(
                    RequestEvent(
                        request=r,
                        kind="status",
                        from_status="accepted",
                        to_status="in_progress",
                        created_at=r.accepted_at,
                    )
                )
        RequestEvent.objects.bulk_create(events, batch_size=5000)
    return rows


def reporters_and_buildings(neighborhood, rng):
    from linli.community.models import Building, Resident

    people = list(
        Resident.objects.filter(
            household__neighborhood=neighborhood, verified_at__isnull=False
        ).values_list("id", "household_id")[:3000]
    )
    return people, list(Building.objects.filter(neighborhood=neighborhood))
