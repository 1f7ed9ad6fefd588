from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from linli.decide.models import Decision
from linli.meetings import actions, feeds
from linli.meetings.models import AgendaItem, Attendance, Meeting, MinutePoint
from linli.office.models import Request
from linli.proposals import actions as proposal_actions


def test_agenda_links_a_topic_a_request_a_decision_and_a_proposal_of_the_neighborhood(
    people, tree, make_meeting, category
):
    from linli.decide.actions import decision_create
    from linli.forum.actions import topic_create
    from linli.office.actions import request_submit

    m = make_meeting()
    topic = topic_create(
        author=people["resident"],
        neighborhood=tree.neighborhood,
        title="电梯噪音怎么办",
        body="每晚都响",
    )
    req = request_submit(
        reporter=people["resident"],
        neighborhood=tree.neighborhood,
        category=category,
        description="7号楼路灯坏了",
    )
    now = timezone.now()
    decision = decision_create(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        title="垃圾房选址",
        voting_opens_at=now,
        voting_closes_at=now + timedelta(days=7),
        options=["北门", "南门"],
    )
    proposal = proposal_actions.proposal_create(
        neighborhood=tree.neighborhood, author=people["resident"], title="加装座椅", body="理由"
    )
    for kind, pk in (
        ("topic", topic.pk),
        ("request", req.pk),
        ("decision", decision.pk),
        ("proposal", proposal.pk),
    ):
        actions.agenda_item_add(meeting=m, actor=people["staff"], link_kind=kind, link_id=pk)
    items = list(AgendaItem.objects.filter(meeting=m))
    assert [i.position for i in items] == [1, 2, 3, 4]
    assert [items[0].title, items[2].title, items[3].title] == [
        "电梯噪音怎么办",
        "垃圾房选址",
        "加装座椅",
    ]
    assert items[1].title.endswith(f"#{req.pk}") and "路灯" not in items[1].title
    assert items[0].url == f"/forum/t/{topic.pk}/" and items[3].url == proposal.get_absolute_url()


def test_an_agenda_item_cannot_link_another_neighborhoods_object(
    people, tree, other_tree, make_meeting
):
    theirs = proposal_actions.proposal_create(
        neighborhood=other_tree.neighborhood, author=people["other_staff"], title="别处", body="b"
    )
    m = make_meeting()
    with pytest.raises(ValidationError) as error:
        actions.agenda_item_add(
            meeting=m, actor=people["staff"], link_kind="proposal", link_id=theirs.pk
        )
    assert "link_id" in error.value.message_dict and not AgendaItem.objects.exists()


def test_paper_sheet_and_signing_in_count_attendance_once_per_person(people, make_meeting):
    m = make_meeting(hours_from_now=0.5)
    actions.attendance_paper(
        meeting=m, actor=people["staff"], sheet="王阿姨，7号楼\n李师傅, 物业\n\n"
    )
    actions.attendance_sign_in(meeting=m, person=people["resident"])
    actions.attendance_sign_in(meeting=m, person=people["property"])  # joint office
    with pytest.raises(ValidationError):
        actions.attendance_sign_in(meeting=m, person=people["resident"])
    m.refresh_from_db()
    assert m.attendee_count == 4 == Attendance.objects.filter(meeting=m).count()
    assert list(Attendance.objects.filter(paper=True).values_list("name", "affiliation")) == [
        ("王阿姨", "7号楼"),
        ("李师傅", "物业"),
    ]


def test_signing_in_is_refused_days_before_the_meeting(people, make_meeting):
    m = make_meeting(hours_from_now=48)
    with pytest.raises(ValidationError):
        actions.attendance_sign_in(meeting=m, person=people["resident"])
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("who", ["unverified", "street_staff", "other_staff"])
def test_only_residents_and_the_joint_office_sign_in(people, make_meeting, who):
    m = make_meeting(hours_from_now=0.5)
    with pytest.raises(PermissionDenied):
        actions.attendance_sign_in(meeting=m, person=people[who])


def test_a_minutes_point_becomes_a_request_once(people, make_meeting, category):
    m = make_meeting()
    point = actions.minute_add(
        meeting=m, actor=people["staff"], text="7号楼北门路灯不亮，物业一周内修好。"
    )
    req = actions.minute_to_request(point=point, actor=people["staff"], category=category)
    assert Request.objects.get(pk=req.pk).description.startswith("7号楼北门路灯")
    assert MinutePoint.objects.get(pk=point.pk).request_id == req.pk
    with pytest.raises(ValidationError):
        actions.minute_to_request(point=point, actor=people["staff"], category=category)
    assert Request.objects.count() == 1


def test_a_minutes_point_becomes_a_decision_that_names_it(people, make_meeting):
    m = make_meeting()
    point = actions.minute_add(
        meeting=m, actor=people["staff"], text="非机动车棚改造方案交居民表决。"
    )
    now = timezone.now()
    d = actions.minute_to_decision(
        point=point,
        actor=people["staff"],
        title="车棚改造方案",
        voting_opens_at=now,
        voting_closes_at=now + timedelta(days=7),
    )
    d = Decision.objects.get(pk=d.pk)
    assert (d.title, d.link_kind, d.link_id) == ("车棚改造方案", "meetings.minutepoint", point.pk)
    assert MinutePoint.objects.get(pk=point.pk).decision_id == d.pk
    # A point names no options: the decision waits as its author's draft until they are added.
    assert d.is_draft and not d.options.exists()


@pytest.mark.parametrize("who", ["leader", "owners", "resident", "other_staff"])
def test_only_committee_staff_run_meetings(people, tree, make_meeting, who, category):
    m = make_meeting()
    point = actions.minute_add(meeting=m, actor=people["staff"], text="要点")
    with pytest.raises(PermissionDenied):
        make_meeting(actor=people[who])
    with pytest.raises(PermissionDenied):
        actions.minute_add(meeting=m, actor=people[who], text="x")
    with pytest.raises(PermissionDenied):
        actions.minute_to_request(point=point, actor=people[who], category=category)
    with pytest.raises(PermissionDenied):
        actions.minutes_publish(meeting=m, actor=people[who])
    assert Meeting.objects.count() == 1 and MinutePoint.objects.count() == 1
    assert Request.objects.count() == 0


def test_minutes_are_published_only_when_written(people, make_meeting):
    m = make_meeting()
    with pytest.raises(ValidationError):
        actions.minutes_publish(meeting=m, actor=people["staff"])
    actions.minute_add(meeting=m, actor=people["staff"], text="要点")
    assert actions.minutes_publish(meeting=m, actor=people["staff"]).minutes_published_at


def test_the_ical_feed_carries_each_meeting_in_local_time(people, tree, make_meeting):
    m = make_meeting()
    cal = Calendar.from_ical(feeds.meetings_calendar(tree.neighborhood, [m]))
    [event] = cal.walk("VEVENT")
    assert str(event["uid"]) == f"meeting-{m.pk}@linli" and "三月三委联动会议" in str(
        event["summary"]
    )
    assert event["dtstart"].params["TZID"] == "Asia/Shanghai"
