"""Demo proposals in binjiang: the committee's threshold (5 % of households, or 10 households in
each of 3 buildings; answered within 30 days), one proposal answered by a consultation, one on
the agenda awaiting its answer, and one that has not passed its threshold. Idempotent."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from linli.community.models import Neighborhood, Resident

from . import actions
from .models import Proposal

SLUG = "binjiang"
ANSWERED = "垃圾房旁加装洗手池"
AGENDA = "7号楼门口加装休闲座椅"
OPEN = "小区里开一个共享工具角"


def _supporters(neighborhood, n, rng, buildings=None):
    """One resident per household, from `buildings` first floors when given (varied otherwise)."""
    rows = Resident.objects.filter(
        household__neighborhood=neighborhood, verified_at__isnull=False
    ).order_by("household_id", "pk")
    if buildings is not None:
        rows = rows.filter(household__building__in=buildings)
    seen, people = set(), []
    for person in rows.select_related("household"):
        if person.household_id not in seen:
            seen.add(person.household_id)
            people.append(person)
    rng.shuffle(people)
    return people[:n]


def _support(proposal, people):
    for person in people:
        actions.support_add(proposal=proposal, person=person)


@transaction.atomic
def load(stdout=None):
    neighborhood = Neighborhood.objects.filter(slug=SLUG).first()
    if neighborhood is None or Proposal.objects.filter(neighborhood=neighborhood).exists():
        return
    rng = random.Random(19)
    staff = Resident.objects.get(username="staff")
    resident = Resident.objects.get(username="resident")
    actions.rule_set(
        neighborhood=neighborhood,
        actor=staff,
        share_percent=5,
        buildings=3,
        per_building=10,
        answer_days=30,
    )
    now = timezone.now()
    answered = actions.proposal_create(
        neighborhood=neighborhood,
        author=resident,
        title=ANSWERED,
        body="倒完厨余垃圾手上很脏，垃圾房旁边没有地方洗手。\n\n"
        "建议在每个垃圾房旁边装一个**洗手池**，用脚踏开关，冬天也不会冻住。",
    )
    _support(answered, _supporters(neighborhood, answered.needed_supports + 7, rng))
    from linli.consult.selectors import consultations_of

    consultation = consultations_of(neighborhood).filter(title__contains="垃圾分类").first()
    if consultation is not None:
        actions.proposal_answer(
            proposal=answered,
            actor=staff,
            kind="consultation",
            link_id=consultation.pk,
            text="洗手池要接上下水，位置和投放时间一起考虑：我们在定时投放时间的意见征集里加了一题，"
            "请大家一起填写，结果出来后由物业报价、业委会确认维修资金的使用。",
        )
    agenda = actions.proposal_create(
        neighborhood=neighborhood,
        author=resident,
        title=AGENDA,
        body="7号楼门口老人多，买菜回来没地方坐。建议在门口绿地边加两张带靠背的长椅，不占消防通道。",
    )
    # 7号楼 and its neighbours: 12 households in each of four buildings (3 × 10 passes).
    for building in neighborhood.buildings.order_by("sort_key")[4:8]:
        _support(agenda, _supporters(neighborhood, 12, rng, buildings=[building]))
    hopeful = actions.proposal_create(
        neighborhood=neighborhood,
        author=Resident.objects.get(username="emma"),
        title=OPEN,
        body="很多家里一年只用一两次电钻、梯子、打气筒。建议在一米会客厅放一个共享工具角，"
        "登记借用，志愿者管理。\n\nA shared tool corner: borrow a drill or a ladder instead of buying one.",
    )
    _support(hopeful, _supporters(neighborhood, 23, rng))
    for proposal, days in ((answered, 50), (agenda, 12), (hopeful, 6)):
        Proposal.objects.filter(pk=proposal.pk).update(created_at=now - timedelta(days=days))
    Proposal.objects.filter(pk=answered.pk, status="answered").update(
        reached_at=now - timedelta(days=41),
        answer_due=now - timedelta(days=11),
        answered_at=now - timedelta(days=20),
    )
    Proposal.objects.filter(pk=agenda.pk, status="agenda").update(
        reached_at=now - timedelta(days=5), answer_due=now + timedelta(days=25)
    )
    if stdout:
        stdout.write("proposals: 3 (answered, on the agenda, gathering support)\n")
