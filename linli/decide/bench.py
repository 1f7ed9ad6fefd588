"""Benchmark pages for decisions: the participation page and a full tally (a recount) of 10,000 ballots.

`generate(scale)` builds, once, a 10,000-household neighborhood ("wanhu": 50 buildings × 200
households) in the demo's street, with a closed ranked-choice decision holding 10,000 ballots
and an open one with ~6,000. The pages are measured as street staff (who may see every
neighborhood of the street). At demo scale the pages use the demo's decisions instead.

Ballot submission (≥ 300/s with 16 clients on PostgreSQL) is measured as WRITES: the harness gives
each voter a read-and-write API token and spreads the posts over the voters with wrk.
"""

import random
from datetime import timedelta
from decimal import Decimal

SLUG = "wanhu"
CLOSED_TITLE = "万户排序投票（计票基准）"
OPEN_TITLE = "万户表决（参与率基准）"


def street_10k(stdout=None):
    """The 10,000-household neighborhood (idempotent); returns it."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from linli.community.actions import counters_refresh
    from linli.community.models import Building, Compound, Household, Neighborhood, Resident

    existing = Neighborhood.objects.filter(slug=SLUG).first()
    if existing:
        return existing
    demo = Neighborhood.objects.get(slug="binjiang")
    rng = random.Random(10_000)
    with transaction.atomic():
        n = Neighborhood.objects.create(
            street_id=demo.street_id,
            name="万户居民区",
            name_en="Ten-thousand Neighborhood",
            slug=SLUG,
        )
        compound = Compound.objects.create(neighborhood=n, name="万户苑", name_en="Wanhu Court")
        Building.objects.bulk_create(
            [
                Building(compound=compound, neighborhood=n, number=str(b), sort_key=b, floors=25)
                for b in range(1, 51)
            ]
        )
        homes = [
            Household(
                building=b,
                neighborhood=n,
                room=f"{f}{r:02d}",
                area=Decimal(rng.randrange(6000, 18000)) / 100,
                owner_occupied=rng.random() < 0.75,
            )
            for b in Building.objects.filter(neighborhood=n)
            for f in range(1, 26)
            for r in range(1, 9)
        ]
        Household.objects.bulk_create(homes, batch_size=5000)
        now, unusable = timezone.now(), make_password(None)
        Resident.objects.bulk_create(
            [
                Resident(username=f"wh{h.pk}", password=unusable, household=h, verified_at=now)
                for h in Household.objects.filter(neighborhood=n)
            ],
            batch_size=5000,
        )
        counters_refresh(neighborhood=n)
    if stdout:
        stdout.write("wanhu: 10,000 households")
    return n


def generate(scale, stdout=None):
    from django.db import transaction
    from django.utils import timezone

    from linli.community.models import Household, Resident

    from . import actions
    from .models import Ballot, BallotChoice, Decision

    n = street_10k(stdout)
    if Decision.objects.filter(neighborhood=n, title=CLOSED_TITLE).exists():
        return
    rng = random.Random(278)
    staff = Resident.objects.filter(username="secretary").first()
    now = timezone.now()
    with transaction.atomic():
        made = []
        for title in (CLOSED_TITLE, OPEN_TITLE):
            d = Decision.objects.create(
                neighborhood=n,
                title=title,
                method="ranked",
                created_by=staff,
                voting_opens_at=now - timedelta(days=10),
                voting_closes_at=now + timedelta(days=10),
            )
            for i, t in enumerate(["甲地", "乙地", "丙地", "丁地"], 1):
                d.options.create(position=i, title=t)
            made.append(d)
        homes = list(Household.objects.filter(neighborhood=n).values_list("pk", "building_id"))
        for d, share in zip(made, (1.0, 0.6), strict=True):
            voters = [(h, b) for h, b in homes if rng.random() < share]
            options = list(d.options.values_list("pk", flat=True))
            orders = {h: rng.sample(options, rng.randint(1, 4)) for h, _b in voters}
            Ballot.objects.bulk_create(
                [
                    Ballot(
                        decision=d,
                        neighborhood_id=d.neighborhood_id,
                        voter_key=f"h{h}",
                        household_id=h,
                        building_id=b,
                        channel="paper",
                        cast_by=staff,
                        ranking=Ballot.ranking_of(orders[h]),
                    )
                    for h, b in voters
                ],
                batch_size=5000,
            )
            rows = []
            for ballot_id, h in Ballot.objects.filter(decision=d).values_list("pk", "household_id"):
                rows += [
                    BallotChoice(
                        ballot_id=ballot_id,
                        decision=d,
                        neighborhood_id=d.neighborhood_id,
                        option_id=o,
                        rank=i,
                    )
                    for i, o in enumerate(orders[h], 1)
                ]
            BallotChoice.objects.bulk_create(rows, batch_size=10000)
            actions.electorate_refresh(decision=d)
        Decision.objects.filter(pk=made[0].pk).update(voting_closes_at=now - timedelta(days=1))
    if stdout:
        stdout.write("wanhu: a closed decision with 10,000 ballots, an open one with ~6,000")


def _decision(title, demo_title, round_no=1):
    from .models import Decision

    d = Decision.objects.filter(neighborhood__slug=SLUG, title=title).only("pk").first()
    d = (
        d
        or Decision.objects.filter(
            neighborhood__slug="binjiang", title=demo_title, round_no=round_no
        )
        .only("pk")
        .first()
    )
    return d.pk if d else None


def _tally_path():
    pk = _decision(CLOSED_TITLE, "新垃圾分类房选址", 1)
    return f"/decide/{pk}/results/?recount=1" if pk else None


def _participation_path():
    pk = _decision(OPEN_TITLE, "新垃圾分类房选址", 2)
    return f"/decide/{pk}/participation/" if pk else None


PAGES = [
    # The figure for a count of 10,000 ballots: p95 ≤ 100 ms. A recount is never kept
    # (it must count again), so the floor ratio of cached pages does not apply to it.
    dict(
        name="decide.tally_10k",
        path=_tally_path,
        user="street",
        targets={"p95_ms": 100, "floor_ratio": None},
    ),
    dict(name="decide.participation_10k", path=_participation_path, user="street"),
    dict(
        name="decide.detail",
        path=lambda: f"/decide/{pk}/" if (pk := _decision("", "新垃圾分类房选址", 2)) else None,
        user="resident",
    ),
    dict(
        name="decide.notice",
        path=lambda: (
            f"/decide/{pk}/notice/"
            if (pk := _decision("", "关于续筹专项维修资金的业主共同决定"))
            else None
        ),
        user="resident",
    ),
]


SPEED_TITLE = "投票速度基准（每次测量新建）"


def _ballot_cases():
    """First ballots through the API, as in a real vote: a new open decision (ranked, 4 options)
    for the 10,000-household neighborhood (the demo neighborhood at demo scale), and one
    verified adult per household, each with a read-and-write token and a ranking of their own.
    Earlier runs' speed decisions are removed first, so the data stays the same from run to run.
    """
    from django.utils import timezone

    from linli.community.models import Neighborhood, Resident

    from . import actions
    from .models import Decision

    _remove_speed_decisions()
    n = (
        Neighborhood.objects.filter(slug=SLUG).first()
        or Neighborhood.objects.filter(slug="binjiang").first()
    )
    staff = Resident.objects.filter(username="secretary").first()
    if n is None or staff is None:
        return []
    now = timezone.now()
    d = Decision.objects.create(
        neighborhood=n,
        title=SPEED_TITLE,
        method="ranked",
        created_by=staff,
        voting_opens_at=now - timedelta(minutes=1),
        voting_closes_at=now + timedelta(days=1),
    )
    options = [
        d.options.create(position=i, title=t).pk
        for i, t in enumerate(["甲地", "乙地", "丙地", "丁地"], 1)
    ]
    actions.electorate_refresh(decision=d)
    rng = random.Random(16)
    voters = {}
    for username, household_id in (
        Resident.objects.filter(
            household__neighborhood=n, verified_at__isnull=False, is_adult=True, is_active=True
        )
        .order_by("household_id", "id")
        .values_list("username", "household_id")
    ):
        voters.setdefault(household_id, username)
    return [
        (
            f"/api/v1/decisions/{d.pk}/ballot",
            {"options": rng.sample(options, rng.randint(1, 4))},
            username,
        )
        for username in voters.values()
    ]


def _remove_speed_decisions():
    """Close the speed decisions, let ballots still in flight at the server finish, then delete them."""
    import time

    from django.db import transaction
    from django.utils import timezone

    from .models import Decision

    speed = Decision.objects.filter(title=SPEED_TITLE)
    if speed.filter(voting_closes_at__gt=timezone.now()).update(voting_closes_at=timezone.now()):
        time.sleep(1)
    with transaction.atomic():
        for d in speed:
            d.delete()


# Ballot submission: ≥ 300 per second with 16 concurrent clients (measured on PostgreSQL), first
# ballots of a fresh decision; `cleanup` removes it afterwards, so the pages of the next run see the same data.
WRITES = [
    dict(
        name="decide.ballot_submit",
        cases=_ballot_cases,
        cleanup=_remove_speed_decisions,
        target_rps=300,
        target_database="postgres",
    )
]
