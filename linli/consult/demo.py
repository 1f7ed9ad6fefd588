"""Demo consultations in binjiang: the living-room needs consultation (closed, ~98% of households
heard, results published) and an open one on waste-sorting hours (about 40% heard so far).
Idempotent: nothing is added if the needs consultation exists. Answers are bulk-inserted,
then the counters are recounted from them."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from linli.community.models import Neighborhood, Resident

from . import actions
from .models import Answer, Consultation, Response

SLUG = "binjiang"
NEEDS_TITLE = "一米会客厅需求征集"
HOURS_TITLE = "垃圾分类定时投放时间意见征集"


@transaction.atomic
def load(stdout=None):
    neighborhood = Neighborhood.objects.filter(slug=SLUG).first()
    if (
        neighborhood is None
        or Consultation.objects.filter(neighborhood=neighborhood, title=NEEDS_TITLE).exists()
    ):
        return
    staff = Resident.objects.get(username="staff")
    rng = random.Random(98)
    now = timezone.now()
    needs = actions.consultation_create(
        neighborhood=neighborhood,
        actor=staff,
        title=NEEDS_TITLE,
        opens_at=now + timedelta(minutes=1),  # questions first; it opened 40 days ago (below)
        closes_at=now + timedelta(minutes=5),
        body="7 号楼大堂约 25 平方米的空间要改造成**一米会客厅**。改造前，我们想听听每一户的想法：你会用它做什么？什么时间用？\n\n"
        "征集结果将交给居民设计团队，作为设计的依据。",
    )
    q = {}
    q["use"] = actions.question_add(
        consultation=needs,
        actor=staff,
        kind="single",
        text="改造后，您家会使用一米会客厅吗？",
        choices=["会", "可能会", "不会"],
    )
    q["why"] = actions.question_add(
        consultation=needs,
        actor=staff,
        kind="text",
        text="不会使用的原因是什么？",
        required=False,
        show_if=q["use"].choices.get(label="不会"),
    )
    q["activities"] = actions.question_add(
        consultation=needs,
        actor=staff,
        kind="multiple",
        text="您希望在会客厅里有哪些活动？（可多选）",
        choices=["亲子阅读", "老年活动", "议事协商", "兴趣小组", "邻里聚会", "书记会客日"],
    )
    q["priority"] = actions.question_add(
        consultation=needs,
        actor=staff,
        kind="ranking",
        text="请为以下改造重点排序",
        choices=["座位舒适", "采光照明", "储物空间", "无障碍"],
        required=False,
    )
    q["rating"] = actions.question_add(
        consultation=needs, actor=staff, kind="rating", text="您对现在的大堂环境满意吗？"
    )
    q["visits"] = actions.question_add(
        consultation=needs,
        actor=staff,
        kind="number",
        text="您家每月大约会去几次？",
        required=False,
    )
    q["ideas"] = actions.question_add(
        consultation=needs, actor=staff, kind="text", text="其他建议", required=False
    )
    _opened(needs, now - timedelta(days=40))
    _answers(needs, q, rng, share=0.98, staff=staff)
    # Asked before the living room was designed: the renovation (linli/projects/demo.py) is done
    # and the room is booked every week (linli/spaces/demo.py).
    Consultation.objects.filter(pk=needs.pk).update(
        opens_at=now - timedelta(days=330),
        closes_at=now - timedelta(days=305),
        results_published_at=now - timedelta(days=304),
    )
    hours = actions.consultation_create(
        neighborhood=neighborhood,
        actor=staff,
        title=HOURS_TITLE,
        opens_at=now + timedelta(minutes=1),  # questions first; it opened 3 days ago (below)
        closes_at=now + timedelta(days=11),
        body="新的垃圾分类房建成后实行定时投放。请告诉我们哪个时间段最适合您家。",
    )
    h = {
        "slot": actions.question_add(
            consultation=hours,
            actor=staff,
            kind="single",
            text="早上哪个时间段最合适？",
            choices=["6:30–8:30", "7:00–9:00", "7:30–9:30"],
        ),
        "evening": actions.question_add(
            consultation=hours,
            actor=staff,
            kind="single",
            text="晚上哪个时间段最合适？",
            choices=["18:00–20:00", "18:30–20:30", "19:00–21:00"],
        ),
        "note": actions.question_add(
            consultation=hours, actor=staff, kind="text", text="其他意见", required=False
        ),
    }
    _opened(hours, now - timedelta(days=3))
    _quick_answers(hours, h, rng, share=0.4, skip={"resident", "emma", "leader"})
    if stdout:
        stdout.write("  consult: 2 consultations")


def _opened(consultation, when):
    """The demo's story: answering opened in the past (its questions were written before)."""
    Consultation.objects.filter(pk=consultation.pk).update(opens_at=when)
    consultation.opens_at = when


def _households(consultation, share, rng, skip=()):
    homes = list(actions.audience(consultation).order_by("pk").values_list("pk", "building_id"))
    answered = [h for h in homes if rng.random() < share]
    skip_homes = set(
        Resident.objects.filter(username__in=skip).values_list("household_id", flat=True)
    )
    first = dict(
        Resident.objects.filter(
            household__neighborhood_id=consultation.neighborhood_id, verified_at__isnull=False
        )
        .order_by("-id")
        .values_list("household_id", "id")
    )
    return [(h, b, first.get(h)) for h, b in answered if h not in skip_homes]


def _answers(c, q, rng, share, staff):
    rows = _households(c, share, rng, skip={"resident"})
    responses = [
        Response(
            consultation=c,
            neighborhood_id=c.neighborhood_id,
            respondent_key=f"h{h}",
            household_id=h,
            building_id=b,
            respondent_id=p,
            entered_by_id=p or staff.pk,
            channel="online" if p else rng.choice(["paper", "phone"]),
        )
        for h, b, p in rows
    ]
    Response.objects.bulk_create(responses, batch_size=2000)
    choices = {k: list(v.choices.order_by("position")) for k, v in q.items()}
    ideas = [
        "希望周末也开放。",
        "可以放一些绘本。",
        "建议装个饮水机。",
        "老人需要有扶手的椅子。",
        "希望有英文标识。",
        "晚上开放到九点就好。",
        "不要太吵，楼上有住户。",
    ]
    answers = []
    for r in Response.objects.filter(consultation=c).only("id"):
        use = rng.choices(choices["use"], weights=[70, 22, 8])[0]
        answers.append(
            Answer(
                neighborhood_id=c.neighborhood_id, response_id=r.pk, question=q["use"], choice=use
            )
        )
        if use.label == "不会":
            answers.append(
                Answer(
                    neighborhood_id=c.neighborhood_id,
                    response_id=r.pk,
                    question=q["why"],
                    text=rng.choice(["工作太忙", "家里没有孩子", "离得远"]),
                )
            )
        for ch in rng.sample(choices["activities"], rng.randint(1, 3)):
            answers.append(
                Answer(
                    neighborhood_id=c.neighborhood_id,
                    response_id=r.pk,
                    question=q["activities"],
                    choice=ch,
                )
            )
        order = rng.sample(choices["priority"], 4)
        answers += [
            Answer(
                neighborhood_id=c.neighborhood_id,
                response_id=r.pk,
                question=q["priority"],
                choice=ch,
                rank=i,
            )
            for i, ch in enumerate(order, 1)
        ]
        answers.append(
            Answer(
                neighborhood_id=c.neighborhood_id,
                response_id=r.pk,
                question=q["rating"],
                number=Decimal(rng.choices([1, 2, 3, 4, 5], weights=[10, 25, 35, 20, 10])[0]),
            )
        )
        answers.append(
            Answer(
                neighborhood_id=c.neighborhood_id,
                response_id=r.pk,
                question=q["visits"],
                number=Decimal(rng.randint(0, 8)),
            )
        )
        if rng.random() < 0.15:
            answers.append(
                Answer(
                    neighborhood_id=c.neighborhood_id,
                    response_id=r.pk,
                    question=q["ideas"],
                    text=rng.choice(ideas),
                )
            )
    Answer.objects.bulk_create(answers, batch_size=5000)
    actions.tallies_recount(consultation=c)


def _quick_answers(c, q, rng, share, skip):
    rows = _households(c, share, rng, skip=skip)
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
            for h, b, p in rows
            if p
        ],
        batch_size=2000,
    )
    slot, evening = list(q["slot"].choices.all()), list(q["evening"].choices.all())
    answers = []
    for r in Response.objects.filter(consultation=c).only("id"):
        answers.append(
            Answer(
                neighborhood_id=c.neighborhood_id,
                response_id=r.pk,
                question=q["slot"],
                choice=rng.choices(slot, weights=[20, 55, 25])[0],
            )
        )
        answers.append(
            Answer(
                neighborhood_id=c.neighborhood_id,
                response_id=r.pk,
                question=q["evening"],
                choice=rng.choices(evening, weights=[30, 45, 25])[0],
            )
        )
    Answer.objects.bulk_create(answers, batch_size=5000)
    actions.tallies_recount(consultation=c)
