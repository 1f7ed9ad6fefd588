"""Demo: a year of volunteer shifts (bin watch twice a day at both compounds' rooms on weekends, reception-day helpers) and hours."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from linli.community.models import Neighborhood, Resident
from linli.stats.actions import points_award

from .actions import POINTS_PER_HOUR
from .models import Shift, SignUp, Volunteer


@transaction.atomic
def load(stdout=None):
    neighborhood = Neighborhood.objects.filter(slug="binjiang").first()
    if neighborhood is None or Shift.objects.filter(neighborhood=neighborhood).exists():
        return
    rng = random.Random(11)
    tz = timezone.get_current_timezone()
    staff = Resident.objects.filter(username="staff").first()
    pool = list(
        Resident.objects.filter(household__neighborhood=neighborhood, verified_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:400]
    )
    regulars = rng.sample(pool, min(60, len(pool)))
    named = list(
        Resident.objects.filter(username__in=["resident", "emma", "leader"]).values_list(
            "pk", flat=True
        )
    )
    regulars = list(dict.fromkeys(named + regulars))
    today = timezone.localdate()
    now = timezone.now()
    shifts = []
    for day_offset in range(-365, 29):
        day = today + timedelta(days=day_offset)
        if day.weekday() in (5, 6):
            for place, title in (
                ("滨江花园北门垃圾厢房", "垃圾分类值守（早）"),
                ("樱桃苑垃圾厢房", "垃圾分类值守（早）"),
            ):
                shifts.append(
                    Shift(
                        neighborhood=neighborhood,
                        sort=Shift.Sort.BIN_WATCH,
                        title=title,
                        place=place,
                        places=3,
                        hours=Decimal("2"),
                        starts_at=datetime.combine(day, time(7), tz),
                        ends_at=datetime.combine(day, time(9), tz),
                        created_by=staff,
                    )
                )
            shifts.append(
                Shift(
                    neighborhood=neighborhood,
                    sort=Shift.Sort.BIN_WATCH,
                    title="垃圾分类值守（晚）",
                    place="滨江花园南门垃圾厢房",
                    places=2,
                    hours=Decimal("2"),
                    starts_at=datetime.combine(day, time(18), tz),
                    ends_at=datetime.combine(day, time(20), tz),
                    created_by=staff,
                )
            )
        if day.day == 15:
            shifts.append(
                Shift(
                    neighborhood=neighborhood,
                    sort=Shift.Sort.RECEPTION,
                    title="书记会客日帮手",
                    place="一米会客厅",
                    places=4,
                    hours=Decimal("3"),
                    description="引导居民登记、倒茶、记录诉求。",
                    starts_at=datetime.combine(day, time(9), tz),
                    ends_at=datetime.combine(day, time(12), tz),
                    created_by=staff,
                )
            )
    for s in shifts:
        if s.starts_at <= now:
            s.status = Shift.Status.CONFIRMED
    Shift.objects.bulk_create(shifts, batch_size=1000)
    shifts = list(Shift.objects.filter(neighborhood=neighborhood).order_by("starts_at"))
    signups = []
    for shift in shifts:
        past = shift.starts_at <= now
        fill = shift.places if past else rng.randint(0, shift.places)
        if shift.starts_at > now + timedelta(days=7):
            fill = rng.randint(0, max(shift.places - 1, 0))
        people = rng.sample(regulars, fill)
        for pid in people:
            came = rng.random() < 0.92
            status = (
                (SignUp.Status.DONE if came else SignUp.Status.NO_SHOW)
                if past
                else SignUp.Status.SIGNED
            )
            signups.append(
                SignUp(
                    shift=shift,
                    person_id=pid,
                    status=status,
                    hours=shift.hours if status == SignUp.Status.DONE else Decimal("0"),
                    confirmed_by=staff if past else None,
                    confirmed_at=shift.ends_at if past else None,
                )
            )
        shift.taken = 0 if past else fill
    Shift.objects.bulk_update([s for s in shifts if s.taken], ["taken"], batch_size=1000)
    SignUp.objects.bulk_create(signups, batch_size=2000)
    totals = (
        SignUp.objects.filter(shift__neighborhood=neighborhood, status=SignUp.Status.DONE)
        .values("person_id")
        .annotate(h=Sum("hours"), n=Count("id"))
    )
    Volunteer.objects.bulk_create(
        [
            Volunteer(
                person_id=t["person_id"],
                hours_total=t["h"],
                shifts_done=t["n"],
                show_on_profile=rng.random() < 0.6 or t["person_id"] in named,
            )
            for t in totals
        ]
    )
    for s in SignUp.objects.filter(
        shift__neighborhood=neighborhood, status=SignUp.Status.DONE
    ).only("id", "person_id", "hours"):
        points_award(
            person=s.person_id,
            reason="volunteers.hours",
            amount=int(s.hours * POINTS_PER_HOUR),
            key=f"volunteers.signup.{s.pk}",
            neighborhood=neighborhood,
        )
    if stdout:
        stdout.write(f"volunteers: {len(shifts)} shifts, {len(signups)} sign-ups")
