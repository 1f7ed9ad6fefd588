"""Demo meetings in binjiang: last month's residents' council, held, with its agenda (a proposal
on the committee's agenda, a decision), the paper sign-in sheet, and published minutes one
point of which became a tracked request; and next week's joint meeting of the three
committees with its agenda. Idempotent."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from linli.community.models import Neighborhood, Resident

from . import actions
from .models import Attendance, Meeting

SLUG = "binjiang"
HELD = "十一月居民议事会"
NEXT = "十二月三委联动会议"
SHEET = """王秀英，7号楼
李建国，7号楼楼组长
张丽华，3号楼
陈志强，12号楼
刘芳，5号楼
杨伟，业委会
赵敏，业委会
周海涛，物业项目经理
吴静，9号楼
孙磊，1号楼
Emma Fischer，12号楼
黄小燕，居民设计团队
郑国平，6号楼
何晓梅，8号楼"""


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@transaction.atomic
def load(stdout=None):
    neighborhood = Neighborhood.objects.filter(slug=SLUG).first()
    if neighborhood is None or Meeting.objects.filter(neighborhood=neighborhood).exists():
        return
    staff = Resident.objects.get(username="staff")
    today = timezone.localdate()
    held_day = today - timedelta(days=10)
    held = actions.meeting_create(
        neighborhood=neighborhood,
        actor=staff,
        kind="council",
        title=HELD,
        starts_at=_at(held_day, 19),
        ends_at=_at(held_day, 21),
        place="一米会客厅",
        description="居民议事会每月一次，欢迎旁听。本次重点讨论居民提案和楼道堆物。",
    )
    from linli.decide.selectors import decisions_of
    from linli.proposals.selectors import proposals_of

    proposal = proposals_of(neighborhood, "agenda").first()
    if proposal is not None:
        actions.agenda_item_add(
            meeting=held, actor=staff, link_kind="proposal", link_id=proposal.pk
        )
    decision = decisions_of(neighborhood).first()
    if decision is not None:
        actions.agenda_item_add(
            meeting=held, actor=staff, link_kind="decision", link_id=decision.pk
        )
    stairs = actions.agenda_item_add(meeting=held, actor=staff, title="楼道堆物清理与消防安全")
    actions.agenda_item_add(meeting=held, actor=staff, title="其他事项")
    actions.attendance_paper(meeting=held, actor=staff, sheet=SHEET)
    for username in ("leader", "resident", "owners", "property"):
        person = Resident.objects.filter(username=username).first()
        if person is not None:
            Attendance.objects.create(
                meeting=held,
                person=person,
                name=(person.real_name or person.public_name)[:60],
                recorded_by=person,
            )
    Meeting.objects.filter(pk=held.pk).update(
        attendee_count=Attendance.objects.filter(meeting=held).count()
    )
    agenda = list(held.agenda.all())
    if proposal is not None:
        actions.minute_add(
            meeting=held,
            actor=staff,
            agenda_item=agenda[0],
            text="7号楼座椅提案：与会居民普遍支持。物业确认门口绿地边可放两张长椅，不占消防通道；"
            "居委会将在答复期限内给出正式答复，并请居民设计团队出选型方案。",
        )
    point = actions.minute_add(
        meeting=held,
        actor=staff,
        agenda_item=stairs,
        text="3号楼、5号楼楼道堆放纸箱和旧家具，影响消防通道。物业两周内张贴通知并清理，楼组长上门提醒。",
    )
    actions.minute_add(
        meeting=held,
        actor=staff,
        text="下次议事会定于12月第二个周四晚7点，地点不变。",
    )
    from linli.office.selectors import categories_of

    category = categories_of(neighborhood).first()
    if category is not None:
        actions.minute_to_request(point=point, actor=staff, category=category, public=True)
    actions.minutes_publish(meeting=held, actor=staff)
    next_day = today + timedelta(days=7)
    upcoming = actions.meeting_create(
        neighborhood=neighborhood,
        actor=staff,
        kind="joint",
        title=NEXT,
        starts_at=_at(next_day, 14),
        ends_at=_at(next_day, 16),
        place="居委会会议室",
        description="居委会、业委会、物业三方例会。",
    )
    for title in ("电梯维保合同续签", "非机动车棚充电桩安装进度", "冬季绿化养护"):
        actions.agenda_item_add(meeting=upcoming, actor=staff, title=title)
    if stdout:
        stdout.write("meetings: 2 (one held with published minutes, one coming)\n")
