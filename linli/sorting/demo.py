"""Demo: drop-off points and times for both compounds, collection days, a year of monthly checks for every building."""

import random
from collections import Counter
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from linli.community.models import Building, Compound, Neighborhood, Resident

from .actions import curated_load
from .models import BuildingMonth, Check, CollectionDay, DropOffPoint
from .selectors import months_back

SLUG = "binjiang"


@transaction.atomic
def load(stdout=None):
    curated_load()
    neighborhood = Neighborhood.objects.filter(slug=SLUG).first()
    if neighborhood is None or DropOffPoint.objects.filter(neighborhood=neighborhood).exists():
        return
    rng = random.Random(9)
    compounds = {c.name: c for c in Compound.objects.filter(neighborhood=neighborhood)}
    garden, cherry = compounds["滨江花园"], compounds["樱桃苑"]
    buildings = list(
        Building.objects.filter(neighborhood=neighborhood).order_by("compound_id", "sort_key")
    )
    points = []
    for name, name_en, where, served in [
        ("北门垃圾厢房", "North gate sorting room", "1–10号楼之间，北门内侧", range(1, 11)),
        (
            "南门垃圾厢房",
            "South gate sorting room",
            "11–20号楼之间，南门篮球场旁",
            range(11, 21),
        ),
    ]:
        point = DropOffPoint.objects.create(
            neighborhood=neighborhood,
            compound=garden,
            name=name,
            name_en=name_en,
            location=where,
            times="07:00-09:00, 18:00-20:00",
        )
        point.buildings.set(
            [b for b in buildings if b.compound_id == garden.pk and int(b.number) in served]
        )
        points.append(point)
    cherry_point = DropOffPoint.objects.create(
        neighborhood=neighborhood,
        compound=cherry,
        name="樱桃苑垃圾厢房",
        name_en="Cherry Court sorting room",
        location="小区东侧，自行车棚旁（居民自己设计的新厢房）",
        times="06:30-09:00, 18:00-20:30",
    )
    DropOffPoint.objects.create(
        neighborhood=neighborhood,
        compound=garden,
        name="有害垃圾回收点",
        name_en="Hazardous waste point",
        location="居委会门口",
        times="09:00-17:00",
        kinds="hazardous",
    )
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    days = []
    for week in range(-8, 12):
        saturday = today + timedelta(days=(5 - today.weekday()) + 7 * week)
        if week % 2 == 0:
            days.append(
                CollectionDay(
                    neighborhood=neighborhood,
                    sort=CollectionDay.Sort.BULKY,
                    place="南门停车场",
                    compound=garden,
                    starts_at=datetime.combine(saturday, time(9), tz),
                    ends_at=datetime.combine(saturday, time(11), tz),
                    note="大件垃圾请提前一天告知物业",
                )
            )
        if week % 4 == 1:
            days.append(
                CollectionDay(
                    neighborhood=neighborhood,
                    sort=CollectionDay.Sort.HAZARDOUS,
                    place="居委会门口",
                    starts_at=datetime.combine(saturday, time(14), tz),
                    ends_at=datetime.combine(saturday, time(16), tz),
                )
            )
        if week % 4 == 3:
            days.append(
                CollectionDay(
                    neighborhood=neighborhood,
                    sort=CollectionDay.Sort.TEXTILES,
                    place="樱桃苑东门",
                    compound=cherry,
                    starts_at=datetime.combine(saturday, time(9), tz),
                    ends_at=datetime.combine(saturday, time(12), tz),
                )
            )
    CollectionDay.objects.bulk_create(days)
    staff = Resident.objects.filter(username="staff").first()
    checks, counts = [], Counter()
    for month in months_back(today, 12):
        for b in buildings:
            point = (
                cherry_point
                if b.compound_id == cherry.pk
                else points[0 if int(b.number) <= 10 else 1]
            )
            quality = 0.55 + 0.35 * (int(b.number) * 7 % 5) / 5 + 0.1 * (month.month % 3) / 3
            for k in range(4):
                day = month + timedelta(days=3 + 7 * k)
                if day > today:
                    continue
                roll = rng.random()
                result = (
                    "good"
                    if roll < quality
                    else ("mixed" if roll < quality + 0.25 else "contaminated")
                )
                checks.append(
                    Check(
                        neighborhood=neighborhood,
                        building=b,
                        point=point,
                        day=day,
                        result=result,
                        recorded_by=staff,
                        note=""
                        if result == "good"
                        else rng.choice(
                            [
                                "湿垃圾混有塑料袋",
                                "干垃圾桶里有厨余",
                                "纸箱未压扁",
                                "玻璃瓶放进了干垃圾",
                            ]
                        ),
                    )
                )
                counts[(b.pk, month, result)] += 1
    Check.objects.bulk_create(checks, batch_size=2000)
    rows = {}
    for (building_id, month, result), n in counts.items():
        row = rows.setdefault(
            (building_id, month),
            BuildingMonth(neighborhood=neighborhood, building_id=building_id, month=month),
        )
        setattr(row, result, n)
    BuildingMonth.objects.bulk_create(rows.values(), batch_size=2000)
    if stdout:
        stdout.write(
            f"sorting: {len(points) + 2} drop-off points, {len(days)} collection days, {len(checks)} checks"
        )
