"""Demo: 30 past activities (with registrations and check-ins) and 5 upcoming ones, one in the living room booked through spaces."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from linli.community.models import Neighborhood, Resident
from linli.core.text import render_markdown

from .models import Activity, Registration

TITLES = [
    ("亲子环保手工：旧纸箱变收纳盒", "workshop", "children"),
    ("垃圾分类知识讲座", "talk", "everyone"),
    ("滨江步道清洁行动", "cleanup", "everyone"),
    ("儿童绘本共读会", "workshop", "children"),
    ("防诈骗讲座", "talk", "seniors"),
    ("楼道微更新设计工作坊", "workshop", "adults"),
    ("社区义诊：量血压、测血糖", "sport", "seniors"),
    ("中秋邻里茶话会", "festival", "everyone"),
    ("樱桃苑绿地认养与补种", "cleanup", "families"),
    ("English Corner 英语角", "talk", "everyone"),
    ("旧物交换集市", "festival", "everyone"),
    ("太极拳晨练体验", "sport", "adults"),
]
MID_AUTUMN = ("中秋邻里茶话会", "festival", "everyone")
EVERY_SEASON = [t for t in TITLES if t != MID_AUTUMN]  # the Mid-Autumn party has its own day
DESCRIPTION = "欢迎邻居们参加！请准时到场，活动结束后会在本页发布照片。\n\n- 自带水杯，减少一次性用品\n- 有问题请联系居委会"


@transaction.atomic
def load(stdout=None):
    neighborhood = Neighborhood.objects.filter(slug="binjiang").first()
    if neighborhood is None or Activity.objects.filter(neighborhood=neighborhood).exists():
        return
    rng = random.Random(12)
    tz = timezone.get_current_timezone()
    staff = Resident.objects.filter(username="staff").first()
    today = timezone.localdate()
    pool = list(
        Resident.objects.filter(household__neighborhood=neighborhood, verified_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:600]
    )
    named = list(
        Resident.objects.filter(username__in=["resident", "emma"]).values_list("pk", flat=True)
    )
    rows = []
    for n in range(30):
        title, category, audience = EVERY_SEASON[n % len(EVERY_SEASON)]
        day = today - timedelta(days=12 * (30 - n))
        start = datetime.combine(day, time(rng.choice([9, 10, 14, 15, 19])), tz)
        capacity = rng.choice([15, 20, 30, 40])
        rows.append(
            Activity(
                neighborhood=neighborhood,
                title=title,
                category=category,
                audience=audience,
                description=DESCRIPTION,
                description_html=render_markdown(DESCRIPTION),
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                place=rng.choice(["一米会客厅", "社区活动室", "滨江花园中心广场", "樱桃苑小花园"]),
                capacity=capacity,
                created_by=staff,
            )
        )
    for n, (title, category, audience) in enumerate(
        [TITLES[0], TITLES[1], TITLES[3], TITLES[9], TITLES[10]]
    ):
        day = today + timedelta(days=3 + 6 * n)
        start = datetime.combine(day, time(14 if n % 2 else 10), tz)
        rows.append(
            Activity(
                neighborhood=neighborhood,
                title=title,
                category=category,
                audience=audience,
                description=DESCRIPTION,
                description_html=render_markdown(DESCRIPTION),
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                place="社区活动室",
                capacity=12 if n == 0 else 30,
                created_by=staff,
            )
        )
    title, category, audience = MID_AUTUMN
    start = datetime.combine(mid_autumn_day(today), time(19), tz)
    rows.append(
        Activity(
            neighborhood=neighborhood,
            title=title,
            category=category,
            audience=audience,
            description=DESCRIPTION,
            description_html=render_markdown(DESCRIPTION),
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="滨江花园中心广场",
            capacity=40,
            created_by=staff,
        )
    )
    Activity.objects.bulk_create(rows)
    activities = list(Activity.objects.filter(neighborhood=neighborhood).order_by("starts_at"))
    now = timezone.now()
    registrations = []
    for a in activities:
        is_past = a.starts_at <= now
        count = (
            min(a.capacity, rng.randint(a.capacity // 2, a.capacity))
            if is_past
            else (a.capacity if a.capacity == 12 else rng.randint(3, 12))
        )
        people = list(dict.fromkeys(named + rng.sample(pool, count)))[:count]
        for pid in people:
            registrations.append(
                Registration(
                    activity=a,
                    person_id=pid,
                    status="confirmed",
                    checked_in_at=a.starts_at + timedelta(minutes=rng.randint(-20, 20))
                    if is_past and rng.random() < 0.85
                    else None,
                )
            )
        a.taken = len(people)
        a.checked_in = (
            sum(1 for r in registrations[-len(people) :] if r.checked_in_at) if people else 0
        )
        if not is_past and a.capacity == 12:  # full, with a waiting list
            for pid in rng.sample([p for p in pool if p not in people], 3):
                registrations.append(Registration(activity=a, person_id=pid, status="waiting"))
            a.waiting = 3
    Registration.objects.bulk_create(registrations, batch_size=2000)
    Activity.objects.bulk_update(activities, ["taken", "waiting", "checked_in"])
    _living_room_activity(neighborhood, staff, today, tz)
    _photos([a for a in activities if a.ends_at <= now][-3:], staff, rng)
    if stdout:
        stdout.write(
            f"activities: {len(activities)} activities, {len(registrations)} registrations"
        )


def mid_autumn_day(today):
    """The Mid-Autumn party's day: in the second half of September, this year's if it is no more
    than six weeks away, else last year's (the festival falls between 8 September and 7 October)."""
    day = date(today.year, 9, 20)
    return day if day <= today + timedelta(weeks=6) else date(today.year - 1, 9, 20)


def _living_room_activity(neighborhood, staff, today, tz):
    """One upcoming activity booked in the living room through linli.spaces (if it has a space)."""
    try:
        from linli.spaces.selectors import spaces_of
    except ImportError:  # pragma: no cover
        return
    space = next((s for s in spaces_of(neighborhood) if s.active), None)
    if space is None or staff is None:
        return
    from django.core.exceptions import ValidationError

    from .actions import activity_publish

    for days in range(20, 40):
        start = datetime.combine(today + timedelta(days=days), time(15), tz)
        try:
            with transaction.atomic():
                activity_publish(
                    neighborhood=neighborhood,
                    actor=staff,
                    title="一米会客厅：邻里读书会",
                    starts_at=start,
                    ends_at=start + timedelta(hours=1, minutes=30),
                    capacity=min(space.capacity, 15),
                    category="talk",
                    audience="adults",
                    description="带一本你喜欢的书，和邻居聊聊。",
                    space=space,
                )
            return
        except ValidationError:
            continue


def _photos(activities, staff, rng):
    """Two simple generated pictures for each of the latest past activities (no external files)."""
    import io

    from django.core.files.base import ContentFile
    from django.db.models import F
    from PIL import Image, ImageDraw

    from .models import Photo

    for a in activities:
        for n in range(2):
            image = Image.new(
                "RGB",
                (640, 420),
                (rng.randrange(120, 220), rng.randrange(150, 230), rng.randrange(120, 200)),
            )
            draw = ImageDraw.Draw(image)
            for _ in range(12):
                x, y, r = rng.randrange(640), rng.randrange(420), rng.randrange(20, 70)
                draw.ellipse(
                    (x - r, y - r, x + r, y + r),
                    fill=(rng.randrange(255), rng.randrange(255), rng.randrange(255)),
                )
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=70)
            Photo.objects.create(
                activity=a,
                image=ContentFile(buffer.getvalue(), name=f"demo-{a.pk}-{n}.jpg"),
                caption=f"{a.title}（{n + 1}）",
                uploaded_by=staff,
            )
        Activity.objects.filter(pk=a.pk).update(photo_count=F("photo_count") + 2)
