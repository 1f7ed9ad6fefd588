"""The demo's reception days: occurrences, slots booked, minutes."""

from datetime import date, time, timedelta

from django.utils import timezone

from linli.office.models import (
    MinuteItem,
    Occurrence,
    ReceptionDay,
    ReceptionSlot,
    Request,
)


def _reception(neighborhood, logins, people, categories, room, rng):
    from linli.office.actions.reception import (
        occurrence_cancel,
        occurrence_move,
        reception_schedule,
    )

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
    from linli.office.actions.requests import request_submit

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
