"""Loading the office's demo: categories, requests, reception days and the monthly figures."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from linli.office.models import (
    Category,
    Request,
    RequestFollower,
)

from .categories import ensure_categories
from .reception import _reception
from .requests import TOTAL, make_requests, reporters_and_buildings


@transaction.atomic
def load(stdout=None):
    from linli.community.demo import SLUG
    from linli.community.models import Neighborhood, Resident
    from linli.office.actions.stats import analyze_requests, stats_rebuild
    from linli.spaces.demo import ensure_spaces

    neighborhood = Neighborhood.objects.filter(slug=SLUG).first()
    if neighborhood is None or Category.objects.filter(neighborhood=neighborhood).exists():
        return
    rng = random.Random(311)
    categories = ensure_categories(neighborhood)
    people, buildings = reporters_and_buildings(neighborhood, rng)
    now = timezone.now()
    rows = make_requests(
        neighborhood,
        categories,
        people,
        buildings,
        count=TOTAL,
        start=now - timedelta(days=365),
        end=now,
        rng=rng,
    )
    logins = {
        p.username: p
        for p in Resident.objects.filter(username__in=["secretary", "resident", "emma", "staff"])
    }
    # The demo resident's own requests, and a "me too" on a neighbour's.
    me = logins.get("resident")
    if me:
        Request.objects.filter(pk__in=[r.pk for r in rows[-40:-37]]).update(
            reporter=me, household_id=me.household_id
        )
        public_open = [
            r
            for r in rows[-30:]
            if r.public and r.status in Request.OPEN and r.reporter_id != me.pk
        ][:2]
        for r in public_open:
            RequestFollower.objects.create(request=r, person=me)
    for r in rng.sample([r for r in rows if r.public], 120):
        followers = rng.sample(people, rng.randint(1, 6))
        made = RequestFollower.objects.bulk_create(
            [
                RequestFollower(request=r, person_id=pid)
                for pid, _h in followers
                if pid != r.reporter_id
            ],
            ignore_conflicts=True,
        )
        del made
    from django.db.models import Count

    for pk, n in (
        RequestFollower.objects.filter(request__neighborhood=neighborhood)
        .values_list("request_id")
        .annotate(n=Count("id"))
    ):
        Request.objects.filter(pk=pk).update(follower_count=n)
    stats_rebuild(neighborhood.pk)
    _reception(neighborhood, logins, people, categories, ensure_spaces(neighborhood), rng)
    analyze_requests()
    if stdout:
        stdout.write(f"office: {len(rows)} requests, 24 reception days\n")
