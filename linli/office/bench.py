"""Pages `make bench` loads for the joint office's figures (p95 ≤ 50 ms at 100,000 requests):
the request list, the dashboard and Open311 requests.json. `generate(scale)` brings the demo
neighborhood to min(100,000, 50,000 × scale) requests (scale ≥ 2: `make bench SCALE=2`)."""

import random
from datetime import timedelta

PAGES = [
    dict(
        name="office.request-list (resident)", path="/office/n/binjiang/requests/", user="resident"
    ),
    dict(
        name="office.request-list (property)",
        path="/office/n/binjiang/requests/?status=open",
        user="property",
    ),
    dict(name="office.request-detail", path=lambda: _latest_public(), user="resident"),
    dict(name="office.dashboard", path="/office/n/binjiang/dashboard/", user="secretary"),
    dict(
        name="office.open311-requests.json",
        path="/open311/v2/requests.json?jurisdiction_id=binjiang",
        user=None,
    ),
    dict(name="office.reception", path="/office/n/binjiang/reception/", user="resident"),
]


def _latest_public():
    from .models import Request

    pk = (
        Request.objects.filter(neighborhood__slug="binjiang", public=True)
        .order_by("-created_at")
        .values_list("pk", flat=True)
        .first()
    )
    return f"/office/requests/{pk}/" if pk else None


def generate(scale: int, stdout):
    from django.db import transaction
    from django.utils import timezone

    from linli.community.models import Neighborhood

    from .actions.stats import analyze_requests, stats_rebuild
    from .demo import ensure_categories, make_requests, reporters_and_buildings
    from .models import Request

    neighborhood = Neighborhood.objects.filter(slug="binjiang").first()
    if neighborhood is None:
        return
    target = min(100_000, 50_000 * max(1, scale))
    have = Request.objects.filter(neighborhood=neighborhood).count()
    if have >= target:
        return
    rng = random.Random(have)
    categories = ensure_categories(neighborhood)
    people, buildings = reporters_and_buildings(neighborhood, rng)
    now = timezone.now()
    batch = 10_000
    while have < target:
        n = min(batch, target - have)
        with transaction.atomic():
            make_requests(
                neighborhood,
                categories,
                people,
                buildings,
                count=n,
                start=now - timedelta(days=365),
                end=now - timedelta(days=1),
                rng=rng,
                with_events=False,
            )
        have += n
        stdout.write(f"office: {have:,} requests\n")
    stats_rebuild(neighborhood.pk)
    analyze_requests()
