"""Demo decisions in binjiang:

- where to put the new waste-sorting room: four candidate sites, ranked choice; round 1
  (closed, published, shortlist of three) and round 2 (closed, published: the site between
  buildings 7 and 8), both about nine months ago, before the room was designed and built
  (linli/projects/demo.py: the project is in upkeep now);
- the roof garden of 樱桃苑 (a project at the decision stage): voting now, so that the demo
  logins can vote;
- an owners' decision under Art. 278 on raising the maintenance fund (items 6–8: 3/4 needed):
  it passes the 3/4 headcount test but fails the 3/4 area test, because the owners of the
  largest flats voted against;
- an owners' assembly in each compound: the fund decision belongs to 滨江花园 (its buildings,
  its owners and floor areas, from the compound's owner register), and 樱桃苑's owners are
  voting now on choosing a new property manager (Art. 278 item 4: more than half).

Idempotent: nothing is added if the site-selection decision exists. Ballots are bulk-inserted,
then the per-building counters are recounted from them.
"""

import random
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from linli.community.models import Compound, Neighborhood, Resident

from . import actions, tally
from .models import Ballot, BallotChoice, Decision, Rule
from .receipts import receipt_new

SLUG = "binjiang"
SITE_TITLE = "新垃圾分类房选址"
FUND_TITLE = "关于续筹专项维修资金的业主共同决定"
PM_TITLE = "樱桃苑关于选聘新物业服务企业的业主共同决定"
SITES = [
    ("7、8 号楼之间空地", "离两栋楼都近，但靠近 7 号楼卧室窗户。"),
    ("东侧绿化带", "远离住宅，需要移栽两棵树。"),
    ("北门停车场一角", "方便清运车，但会减少 4 个车位。"),
    ("中心绿地西侧", "位置居中，步行距离最短。"),
]


def _builtin_rules():
    """The counting rules migration 0002 puts in, again (as sorting's demo loads its curated items
    again): a database flushed since it was migrated, as tests flush theirs, has none."""
    import_module("linli.decide.migrations.0002_builtin_rules").add(apps, None)


@transaction.atomic
def load(stdout=None):
    neighborhood = Neighborhood.objects.filter(slug=SLUG).first()
    if (
        neighborhood is None
        or Decision.objects.filter(neighborhood=neighborhood, title=SITE_TITLE).exists()
    ):
        return
    _builtin_rules()
    rng = random.Random(278)
    secretary, owners = (
        Resident.objects.get(username="secretary"),
        Resident.objects.get(username="owners"),
    )
    now = timezone.now()
    link = _project_link(neighborhood)
    body = (
        "新的垃圾分类房放在哪里，居民讨论了很多次。四个候选点各有利弊，请按您的偏好排序：1 表示最希望的位置。"
        "\n\n第一轮选出三个候选点进入第二轮。"
    )
    first = actions.decision_create(
        neighborhood=neighborhood,
        actor=secretary,
        title=SITE_TITLE,
        body=body,
        method="ranked",
        voting_opens_at=now + timedelta(days=1),
        voting_closes_at=now + timedelta(days=2),
        options=[{"title": t, "description": d} for t, d in SITES],
        **link,
    )
    options = list(first.options.order_by("position"))
    _move(first, opens=now - timedelta(days=300), closes=now - timedelta(days=290))
    weights = [30, 26, 14, 30]
    _ranked_ballots(first, options, rng, share=0.71, weights=weights, skip=())
    actions.decision_publish(decision=first, actor=secretary)
    first.refresh_from_db()
    shortlist = [o.pk for o in options if o.pk != first.result["rounds"][0]["eliminated"]][:3]
    second = actions.decision_next_round(
        decision=first,
        actor=secretary,
        option_ids=shortlist,
        voting_opens_at=now + timedelta(days=1),
        voting_closes_at=now + timedelta(days=2),
    )
    _move(second, opens=now - timedelta(days=285), closes=now - timedelta(days=275))
    finalists = list(second.options.order_by("position"))
    _ranked_ballots(
        second,
        finalists,
        rng,
        share=0.62,
        weights=[46 if o.title == SITES[0][0] else 27 for o in finalists],
        skip=(),
    )
    actions.decision_publish(decision=second, actor=secretary)
    _roof_garden(neighborhood, secretary, now, rng)
    garden, cherry = (
        Compound.objects.get(neighborhood=neighborhood, name=n) for n in ("滨江花园", "樱桃苑")
    )
    fund = actions.decision_create(
        neighborhood=neighborhood,
        actor=owners,
        title=FUND_TITLE,
        compound=garden,
        method="single",
        unit="household",
        owners_only=True,
        rule=Rule.objects.get(neighborhood=None, key="art278-major"),
        body="专项维修资金余额不足，拟按每平方米 20 元续筹。依《民法典》第二百七十八条，筹集维修资金须经参与表决专有部分面积四分之三以上"
        "且参与表决人数四分之三以上的业主同意。",
        voting_opens_at=now + timedelta(days=1),
        voting_closes_at=now + timedelta(days=2),
        options=[
            {"title": title, "approves": i == 0} for i, title in enumerate(["同意", "反对", "弃权"])
        ],
    )
    _move(fund, opens=now - timedelta(days=60), closes=now - timedelta(days=45))
    _fund_ballots(fund, rng)
    actions.decision_publish(decision=fund, actor=owners)
    _property_manager_choice(neighborhood, cherry, rng, now)
    if stdout:
        stdout.write("  decide: 5 decisions (an owners' assembly in each compound)")


def _property_manager_choice(neighborhood, cherry, rng, now):
    """樱桃苑's owners' assembly, voting now: its own owners' committee organises it."""
    organiser = Resident.objects.filter(
        roles__kind="owners_committee", roles__compound=cherry
    ).first() or Resident.objects.get(username="secretary")
    decision = actions.decision_create(
        neighborhood=neighborhood,
        actor=Resident.objects.get(username="secretary"),
        title=PM_TITLE,
        method="single",
        unit="household",
        owners_only=True,
        compound=cherry,
        rule=Rule.objects.get(neighborhood=None, key="art278-ordinary"),
        body="现物业服务合同年底到期。业委会公开招标，两家企业进入表决。依《民法典》第二百七十八条，"
        "选聘物业服务企业须经参与表决专有部分面积过半数且参与表决人数过半数的业主同意。"
        f"\n\n组织：樱桃苑业主委员会（{organiser.real_name}）。未在线投票的业主，楼组长会上门收取纸质表决票。",
        voting_opens_at=now + timedelta(days=1),
        voting_closes_at=now + timedelta(days=2),
        options=[
            {"title": title, "approves": i == 0}
            for i, title in enumerate(["选聘 申城物业", "选聘 绿洲物业", "弃权"])
        ],
    )
    _move(decision, opens=now - timedelta(days=4), closes=now + timedelta(days=10))
    first, second, abstain = decision.options.order_by("position").values_list("pk", flat=True)
    voters = _voters(decision, 0.46, rng, skip=())
    _bulk(decision, voters, lambda _h, _a: [rng.choices([first, second, abstain], [55, 38, 7])[0]])


ROOF_TITLE = "樱桃苑屋顶花园方案表决"
ROOF_OPTIONS = [
    ("方案一：菜园与花园", "居民认领小块菜地，四周种花。"),
    ("方案二：休憩平台", "木平台、遮阳棚和座椅，方便老人休息。"),
    ("方案三：儿童自然角", "沙池、种植箱和观察角，适合亲子活动。"),
]


def _roof_garden(neighborhood, secretary, now, rng):
    """Voting now on the roof garden (the project at the decision stage); the demo logins have
    not voted yet."""
    link = _project_link(neighborhood, "屋顶花园")
    roof = actions.decision_create(
        neighborhood=neighborhood,
        actor=secretary,
        title=ROOF_TITLE,
        body="樱桃苑 5 号楼平台要改造成屋顶花园。设计团队提出三个方案，请选择您最希望的一个。",
        method="single",
        voting_opens_at=now + timedelta(days=1),
        voting_closes_at=now + timedelta(days=2),
        options=[{"title": t, "description": d} for t, d in ROOF_OPTIONS],
        **link,
    )
    options = list(roof.options.order_by("position"))
    _move(roof, opens=now - timedelta(days=3), closes=now + timedelta(days=11))
    ids = [o.pk for o in options]
    _bulk(
        roof,
        _voters(roof, 0.3, rng, skip={"resident", "emma", "leader", "secretary", "staff"}),
        lambda _h, _area: [rng.choices(ids, weights=[40, 35, 25])[0]],
    )


def _project_link(neighborhood, words="垃圾分类房"):
    """The waste-sorting project, if the projects app has one (looked up by name, never imported)."""
    try:
        Project = apps.get_model("projects", "Project")
    except LookupError:
        return {}
    pk = Project.objects.filter(title__contains=words).values_list("pk", flat=True).first()
    return {"link_kind": "projects.project", "link_id": pk} if pk else {}


def _move(decision, *, opens, closes):
    Decision.objects.filter(pk=decision.pk).update(voting_opens_at=opens, voting_closes_at=closes)
    decision.voting_opens_at, decision.voting_closes_at = opens, closes


def _voters(decision, share, rng, skip):
    """(household, building, a verified adult member) of the households that voted."""
    skip_homes = set(
        Resident.objects.filter(username__in=skip).values_list("household_id", flat=True)
    )
    member = dict(
        Resident.objects.filter(
            household__neighborhood_id=decision.neighborhood_id, verified_at__isnull=False
        )
        .order_by("-id")
        .values_list("household_id", "id")
    )
    homes = tally.electorate(decision).order_by("pk").values_list("pk", "building_id", "area")
    return [
        (h, b, a, member.get(h))
        for h, b, a in homes
        if h not in skip_homes and rng.random() < share
    ]


def _bulk(decision, voters, choose):
    chosen = {h: choose(h, area) for h, _b, area, _p in voters}
    ballots = [
        Ballot(
            decision=decision,
            neighborhood_id=decision.neighborhood_id,
            voter_key=f"h{h}",
            household_id=h,
            building_id=b,
            resident_id=p,
            cast_by_id=p,
            channel="online" if p else "paper",
            cast_role="" if p else Ballot.CastRole.STAFF,
            ranking=Ballot.ranking_of(chosen[h]),
            receipt=receipt_new(),
        )
        for h, b, _a, p in voters
    ]
    Ballot.objects.bulk_create(ballots, batch_size=2000)
    ids = dict(Ballot.objects.filter(decision=decision).values_list("household_id", "id"))
    rows = []
    for h, _b, _area, _p in voters:
        rows += [
            BallotChoice(
                ballot_id=ids[h],
                decision=decision,
                neighborhood_id=decision.neighborhood_id,
                option_id=o,
                rank=i,
            )
            for i, o in enumerate(chosen[h], 1)
        ]
    BallotChoice.objects.bulk_create(rows, batch_size=5000)
    actions.electorate_refresh(decision=decision)


def _ranked_ballots(decision, options, rng, share, weights, skip):
    ids = [o.pk for o in options]

    def choose(_h, _area):
        order = []
        pool, w = list(ids), list(weights)
        for _ in range(rng.randint(1, len(ids))):
            pick = rng.choices(range(len(pool)), weights=w)[0]
            order.append(pool.pop(pick))
            w.pop(pick)
        return order

    _bulk(decision, _voters(decision, share, rng, skip), choose)


def _fund_ballots(decision, rng):
    """~85% of units vote; the largest fifth of the voting flats vote against, everyone else for."""
    yes, no, _abstain = decision.options.order_by("position").values_list("pk", flat=True)
    voters = _voters(decision, 0.85, rng, skip=())
    areas = sorted(a for _h, _b, a, _p in voters)
    cut = areas[int(len(areas) * 0.8)]
    _bulk(decision, voters, lambda _h, area: [no if area >= cut else yes])
