"""Demo spaces: the living room (一米会客厅) and two more, with a busy weekly calendar."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from .models import Booking, Space

GROUPS = [
    # weekday, start, end, purpose, requester
    (1, time(19), time(21), "滨江合唱团排练", "leader"),
    (2, time(9, 30), time(11), "亲子绘本阅读会", "resident"),
    (3, time(14), time(16), "老年书法班", "staff"),
    (4, time(19), time(20, 30), "English corner / 英语角", "emma"),
    (5, time(14), time(16), "楼组长例会", "secretary"),
    (6, time(15), time(17), "垃圾分类志愿者培训", "staff"),
    (0, time(18, 30), time(20), "业委会接待", "owners"),
]


def ensure_spaces(neighborhood):
    """The demo neighborhood's spaces (idempotent); returns the living room."""
    room, _ = Space.objects.get_or_create(
        neighborhood=neighborhood,
        name="一米会客厅",
        defaults=dict(
            name_en="Living room",
            location="滨江花园 7号楼大堂",
            area=25,
            capacity=12,
            opens_at=time(8),
            closes_at=time(21),
            max_minutes=180,
            description="7号楼大堂里约 25 平方米的“一米会客厅”：沙发、长桌、投影和一面书墙。居民、楼组和团队都可以预约开展活动，书记会客日也在这里。",
            rules="- 活动结束后请恢复桌椅、带走垃圾\n- 21:00 前结束，保持安静\n- 不得用于商业推销\n- 每户同时最多 3 个未结束的预约",
        ),
    )
    Space.objects.get_or_create(
        neighborhood=neighborhood,
        name="党群服务站活动室",
        defaults=dict(
            name_en="Community activity room",
            location="浦江路 1288 弄 会所二楼",
            area=60,
            capacity=30,
            opens_at=time(9),
            closes_at=time(20),
            max_minutes=240,
            description="会所二楼的活动室，适合讲座、培训和议事会。",
        ),
    )
    Space.objects.get_or_create(
        neighborhood=neighborhood,
        name="樱桃苑睦邻点",
        defaults=dict(
            name_en="Cherry Court neighbours' corner",
            location="樱桃苑 3号楼底层",
            area=18,
            capacity=8,
            opens_at=time(8, 30),
            closes_at=time(18),
            max_minutes=120,
        ),
    )
    return room


@transaction.atomic
def load(stdout=None):
    from linli.community.demo import SLUG
    from linli.community.models import Neighborhood, Resident

    neighborhood = Neighborhood.objects.filter(slug=SLUG).first()
    if neighborhood is None:
        return
    room = ensure_spaces(neighborhood)
    if Booking.objects.filter(space=room, kind=Booking.Kind.BOOKING).exists():
        return
    people = {p.username: p for p in Resident.objects.filter(username__in={g[4] for g in GROUPS})}
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    rows = []
    now = timezone.now()
    # A household may hold room.max_open_per_household open bookings at a time: each demo
    # household keeps one place free, so that its login can try booking.
    open_left = {}
    for week in range(-8, 9):
        for weekday, start, end, purpose, who in GROUPS:
            day = monday + timedelta(weeks=week, days=weekday)
            person = people.get(who)
            household_id = getattr(person, "household_id", None)
            starts_at = timezone.make_aware(datetime.combine(day, start), tz)
            ends_at = timezone.make_aware(datetime.combine(day, end), tz)
            if household_id and ends_at > now:
                left = open_left.setdefault(household_id, room.max_open_per_household - 1)
                if left <= 0:
                    continue
                open_left[household_id] = left - 1
            future_request = week >= 3 and weekday in (2, 4)  # some weeks still wait for approval
            rows.append(
                Booking(
                    space=room,
                    neighborhood=neighborhood,
                    requester=person,
                    household_id=household_id,
                    purpose=purpose,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    status=Booking.Status.REQUESTED if future_request else Booking.Status.APPROVED,
                )
            )
    Booking.objects.bulk_create(rows)
    if stdout:
        stdout.write(f"spaces: {len(rows)} bookings of the living room\n")
