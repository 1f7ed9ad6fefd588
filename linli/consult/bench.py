"""Benchmark pages for consultations: the participation dashboard and the results of a consultation
answered by every household of a 10,000-household neighborhood (built by linli.decide.bench)."""

import random
from datetime import timedelta
from decimal import Decimal

TITLE = "万户需求征集（参与率基准）"


def generate(scale, stdout=None):
    from django.db import transaction
    from django.utils import timezone

    from linli.decide.bench import street_10k

    from . import actions
    from .models import Answer, Consultation, Question, Response

    n = street_10k(stdout)
    if Consultation.objects.filter(neighborhood=n, title=TITLE).exists():
        return
    rng = random.Random(98)
    now = timezone.now()
    with transaction.atomic():
        c = Consultation.objects.create(
            neighborhood=n,
            title=TITLE,
            opens_at=now - timedelta(days=5),
            closes_at=now + timedelta(days=5),
        )
        use = Question.objects.create(consultation=c, position=1, kind="single", text="会使用吗？")
        choices = [use.choices.create(position=i, label=t) for i, t in enumerate(["会", "不会"], 1)]
        rating = Question.objects.create(consultation=c, position=2, kind="rating", text="满意度")
        actions.audience_refresh(consultation=c)
        homes = [
            (h, b, p)
            for h, b, p in actions.audience(c).values_list("pk", "building_id", "residents__pk")
            if rng.random() < 0.98
        ]
        Response.objects.bulk_create(
            [
                Response(
                    consultation=c,
                    neighborhood_id=c.neighborhood_id,
                    respondent_key=f"h{h}",
                    household_id=h,
                    building_id=b,
                    respondent_id=p,
                    entered_by_id=p,
                )
                for h, b, p in homes
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        rows = []
        for rid in Response.objects.filter(consultation=c).values_list("pk", flat=True):
            rows.append(
                Answer(
                    neighborhood_id=c.neighborhood_id,
                    response_id=rid,
                    question=use,
                    choice=rng.choice(choices),
                )
            )
            rows.append(
                Answer(
                    neighborhood_id=c.neighborhood_id,
                    response_id=rid,
                    question=rating,
                    number=Decimal(rng.randint(1, 5)),
                )
            )
        Answer.objects.bulk_create(rows, batch_size=10000)
        actions.tallies_recount(consultation=c)
    if stdout:
        stdout.write("wanhu: a consultation answered by ~98% of 10,000 households")


def _path(suffix, big=True):
    from .models import Consultation

    c = (
        big and Consultation.objects.filter(title=TITLE).only("pk").first()
    ) or Consultation.objects.filter(title="一米会客厅需求征集").only("pk").first()
    return f"/consult/{c.pk}/{suffix}" if c else None


PAGES = [
    dict(name="consult.participation_10k", path=lambda: _path("participation/"), user="street"),
    dict(name="consult.results_10k", path=lambda: _path("results/"), user="street"),
    dict(name="consult.detail", path=lambda: _path("", big=False), user="resident"),
    dict(name="consult.results", path=lambda: _path("results/", big=False), user="resident"),
]
