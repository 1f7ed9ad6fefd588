"""Demo content for the joint office: categories with service levels, a year of requests
with realistic times to resolution, 12 past reception days with minutes and the next 12,
one cancelled and one moved. Deterministic and idempotent (a second run adds nothing)."""

import math
import random
from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from .models import (
    Category,
    MinuteItem,
    Occurrence,
    Party,
    ReceptionDay,
    ReceptionSlot,
    Request,
    RequestEvent,
    RequestFollower,
)

P = Party
CATEGORIES = [
    # code, name, name_en, party, accept h, resolve h, weight, descriptions
    (
        "lift-repair",
        "电梯故障",
        "Lift out of order",
        P.PROPERTY_MANAGER,
        2,
        48,
        10,
        [
            "{b}号楼 2 号电梯又停了，老人上下楼很不方便。",
            "电梯门关不严，运行时有异响。",
            "电梯按钮失灵，按了 18 楼没反应。",
        ],
    ),
    (
        "leak",
        "漏水渗水",
        "Leaks and damp",
        P.PROPERTY_MANAGER,
        12,
        120,
        7,
        [
            "楼上渗水到我家卫生间顶，已经发霉了。",
            "地下车库 B2 顶板漏水，滴在车上。",
            "{b}号楼楼道窗户关不上，下雨往里灌水。",
        ],
    ),
    (
        "lighting",
        "公共照明",
        "Lights in common areas",
        P.PROPERTY_MANAGER,
        24,
        72,
        8,
        [
            "{b}号楼 12 层楼道灯坏了，晚上很黑。",
            "小区东门到 5 号楼之间的路灯不亮。",
            "地库入口灯一直闪。",
        ],
    ),
    (
        "cleaning",
        "环境卫生",
        "Cleaning",
        P.PROPERTY_MANAGER,
        24,
        48,
        8,
        [
            "{b}号楼门口的垃圾桶满了没人收。",
            "楼道里有人堆放杂物，味道很大。",
            "中心花园的水池发臭，有蚊子。",
        ],
    ),
    (
        "greenery",
        "绿化养护",
        "Trees and greenery",
        P.PROPERTY_MANAGER,
        48,
        168,
        4,
        ["{b}号楼前的树枝挡住了窗户，希望修剪。", "草坪很久没修剪了。", "台风后有棵树歪了，怕倒。"],
    ),
    (
        "facilities",
        "公共设施损坏",
        "Broken facilities",
        P.PROPERTY_MANAGER,
        24,
        168,
        6,
        [
            "儿童游乐区的滑梯有裂缝，孩子容易受伤。",
            "健身器材的螺丝松了。",
            "{b}号楼单元门门禁坏了，谁都能进。",
        ],
    ),
    (
        "parking",
        "停车与非机动车",
        "Parking and bikes",
        P.PROPERTY_MANAGER,
        24,
        120,
        6,
        ["电动车在楼道里充电，很危险。", "消防通道上天天停车。", "非机动车棚的充电桩坏了一半。"],
    ),
    (
        "waste-sorting",
        "垃圾分类",
        "Waste sorting",
        P.RESIDENTS_COMMITTEE,
        24,
        72,
        5,
        [
            "新的垃圾厢房离 {b}号楼太近，夏天味道大。",
            "湿垃圾投放时间能不能延长到晚上 9 点？",
            "有人把装修垃圾倒在垃圾厢房旁边。",
        ],
    ),
    (
        "noise",
        "噪音扰民",
        "Noise",
        P.RESIDENTS_COMMITTEE,
        24,
        72,
        4,
        [
            "楼上每天晚上 11 点以后还在装修。",
            "广场舞音响太响，影响休息。",
            "{b}号楼有住户养狗，整夜叫。",
        ],
    ),
    (
        "neighbour-dispute",
        "邻里纠纷",
        "Disputes between neighbours",
        P.RESIDENTS_COMMITTEE,
        24,
        168,
        3,
        ["对门把鞋柜放到公共走道，沟通没用，希望居委会协调。", "楼上空调外机滴水到我家阳台。"],
    ),
    (
        "advice",
        "证明开具与政策咨询",
        "Certificates and advice",
        P.RESIDENTS_COMMITTEE,
        24,
        72,
        4,
        [
            "想咨询老人助餐点怎么申请。",
            "孩子入学需要居住证明，请问怎么开？",
            "How do I register my residence permit as a foreigner?",
        ],
    ),
    (
        "safety",
        "安全隐患",
        "Safety hazards",
        P.RESIDENTS_COMMITTEE,
        4,
        48,
        3,
        ["{b}号楼外墙有瓷砖松动，怕掉下来砸到人。", "消防栓箱是空的。"],
    ),
    (
        "maintenance-fund",
        "维修资金使用",
        "Maintenance fund",
        P.OWNERS_COMMITTEE,
        72,
        720,
        2,
        ["{b}号楼屋顶防水需要大修，请业委会启动维修资金。", "想了解今年维修资金的使用明细。"],
    ),
    (
        "property-service",
        "物业服务投诉",
        "Complaints about the property manager",
        P.OWNERS_COMMITTEE,
        48,
        336,
        3,
        ["保安晚上经常不在岗。", "物业费上涨没有公示，请业委会过问。", "报修三次都没人来。"],
    ),
]
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


def ensure_categories(neighborhood):
    existing = {c.code: c for c in Category.objects.filter(neighborhood=neighborhood)}
    for i, (code, name, name_en, party, acc, res, _w, _t) in enumerate(CATEGORIES):
        if code not in existing:
            existing[code] = Category.objects.create(
                neighborhood=neighborhood,
                code=code,
                name=name,
                name_en=name_en,
                party=party,
                accept_hours=acc,
                resolve_hours=res,
                sort=i,
                group=str(Party(party).label),
            )
    out = []
    for code, *_rest in CATEGORIES:
        c = existing[code]
        spec = next(x for x in CATEGORIES if x[0] == code)
        c.weight, c.texts = spec[6], spec[7]
        out.append(c)
    return out


def reporters_and_buildings(neighborhood, rng):
    from linli.community.models import Building, Resident

    people = list(
        Resident.objects.filter(
            household__neighborhood=neighborhood, verified_at__isnull=False
        ).values_list("id", "household_id")[:3000]
    )
    return people, list(Building.objects.filter(neighborhood=neighborhood))


@transaction.atomic
def load(stdout=None):
    from linli.community.demo import SLUG
    from linli.community.models import Neighborhood, Resident
    from linli.spaces.demo import ensure_spaces

    from .actions.stats import analyze_requests, stats_rebuild

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


def _reception(neighborhood, logins, people, categories, room, rng):
    from .actions.reception import occurrence_cancel, occurrence_move, reception_schedule

    secretary = logins["secretary"]
    today = timezone.localdate()
    first = date(today.year - 1, today.month, 1)
    series = ReceptionDay.objects.create(
        neighborhood=neighborhood,
        title="书记会客日",
        space=room,
        weekday=5,
        week_of_month=2,
        start_time=time(9),
        end_time=time(11, 30),
        slot_minutes=15,
        starts_on=first,
        attendees="王书记；业委会周主任；物业刘经理",
        created_by=secretary,
        description="每月第二个星期六上午，居委会、业委会和物业在一米会客厅一起接待居民（三委联动）。可以预约 15 分钟，也可以直接来。",
    )
    reception_schedule(
        series=series, actor=secretary, since=first, until=today + timedelta(days=366)
    )
    occs = list(series.occurrences.order_by("starts_at"))
    past = [o for o in occs if o.ends_at < timezone.now()][-12:]
    subjects = [
        "电梯更新改造进度",
        "垃圾厢房位置",
        "车库漏水",
        "楼道堆物",
        "加装电梯意见",
        "物业费公示",
        "儿童游乐区改造",
        "宠物管理",
        "外墙渗水",
        "停车位分配",
    ]
    answers = [
        "物业答复：本周内派人查看，两周内给出维修方案。",
        "居委会将在下次议事会上讨论，并征集各楼组意见。",
        "业委会同意启动维修资金申请程序。",
    ]
    cat_by_code = {c.code: c for c in categories}
    from .actions.requests import request_submit

    for occ in past:
        chosen = rng.sample(people, 6)
        slots = [
            ReceptionSlot(
                occurrence=occ,
                starts_at=occ.starts_at + timedelta(minutes=15 * i),
                person_id=pid,
                household_id=hid,
                subject=rng.choice(subjects),
            )
            for i, (pid, hid) in enumerate(chosen)
        ]
        ReceptionSlot.objects.bulk_create(slots)
        Occurrence.objects.filter(pk=occ.pk).update(slot_count=len(slots))
        for slot in slots[:4]:
            item = MinuteItem.objects.create(
                occurrence=occ,
                raised_by_id=slot.person_id,
                created_by=secretary,
                text=f"{slot.subject}：{rng.choice(answers)}",
            )
            if rng.random() < 0.4:
                req = request_submit(
                    reporter=None,
                    neighborhood=neighborhood,
                    category=cat_by_code["facilities"],
                    description=item.text,
                    public=False,
                    source=Request.Source.RECEPTION,
                    now=occ.ends_at,
                )
                Request.objects.filter(pk=req.pk).update(
                    reporter_id=slot.person_id, household_id=slot.household_id
                )
                MinuteItem.objects.filter(pk=item.pk).update(request=req)
    future = [o for o in occs if o.starts_at > timezone.now()]
    if len(future) >= 3:
        occurrence_cancel(
            occurrence=future[2], actor=secretary, note="春节假期暂停一次，下月照常。"
        )
        moved = future[1]
        occurrence_move(
            occurrence=moved,
            actor=secretary,
            starts_at=moved.starts_at + timedelta(days=1),
            ends_at=moved.ends_at + timedelta(days=1),
            note="因小区停电检修，改到星期日上午。",
        )
    resident = logins.get("resident")
    if resident and future:
        ReceptionSlot.objects.create(
            occurrence=future[0],
            starts_at=future[0].starts_at + timedelta(minutes=30),
            person=resident,
            household_id=resident.household_id,
            subject="想聊聊 7 号楼加装电梯的事",
        )
        Occurrence.objects.filter(pk=future[0].pk).update(slot_count=1)
