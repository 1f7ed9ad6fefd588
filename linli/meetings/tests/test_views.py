from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.meetings import actions
from linli.meetings.models import AgendaItem, Meeting, MinutePoint
from linli.office.models import Request


def test_staff_run_a_meeting_from_call_to_minutes_without_javascript(login, people, tree, category):
    c = login(people["staff"])
    start = timezone.localtime() + timedelta(minutes=30)
    r = c.post(
        f"/meetings/n/{tree.neighborhood.slug}/new/",
        {
            "kind": "council",
            "title": "四月居民议事会",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "一米会客厅",
        },
    )
    m = Meeting.objects.get(title="四月居民议事会")
    assert r.status_code == 302 and r["Location"] == m.get_absolute_url()
    c.post(f"/meetings/{m.pk}/agenda/", {"title": "楼道堆物", "link_kind": ""})
    c.post(f"/meetings/{m.pk}/attendance/", {"sheet": "王阿姨，1号楼\n李师傅，物业"})
    item = AgendaItem.objects.get(meeting=m)
    c.post(f"/meetings/{m.pk}/minutes/", {"text": "物业周五前清理楼道。", "agenda_item": item.pk})
    point = MinutePoint.objects.get(meeting=m)
    assert point.agenda_item_id == item.pk
    c.post(f"/meetings/points/{point.pk}/request/", {"category": category.pk})
    c.post(f"/meetings/{m.pk}/minutes/publish/")
    m.refresh_from_db()
    point.refresh_from_db()
    assert m.attendee_count == 2 and m.minutes_published_at is not None
    assert Request.objects.get(pk=point.request_id).description == "物业周五前清理楼道。"
    page = login(people["resident"]).get(m.get_absolute_url()).content.decode()
    assert "物业周五前清理楼道。" in page and "王阿姨" not in page


def test_bad_agenda_input_gets_a_message_and_changes_nothing(login, people, make_meeting):
    m = make_meeting()
    c = login(people["staff"])
    r = c.post(f"/meetings/{m.pk}/agenda/", {"link_kind": "proposal", "link_id": 999}, follow=True)
    assert not AgendaItem.objects.exists()
    assert (
        "999" not in r.content.decode()
        or "没有" in r.content.decode()
        or "no such" in r.content.decode()
    )
    assert (
        r.status_code == 200
        and 'role="alert"' in r.content.decode()
        or "messages" in r.content.decode()
    )


def test_the_ical_feed_is_served(client, tree, make_meeting):
    m = make_meeting()
    r = client.get(f"/meetings/n/{tree.neighborhood.slug}/calendar.ics")
    assert r["Content-Type"].startswith("text/calendar")
    assert f"meeting-{m.pk}@linli" in r.content.decode()


def _fill(people, meeting, n):
    for i in range(n):
        item = actions.agenda_item_add(meeting=meeting, actor=people["staff"], title=f"议题{i}")
        actions.minute_add(
            meeting=meeting, actor=people["staff"], text=f"要点{i}", agenda_item=item
        )
    actions.attendance_paper(
        meeting=meeting, actor=people["staff"], sheet="\n".join(f"居民{i}，1号楼" for i in range(n))
    )


def test_pages_have_constant_query_counts(
    login, people, tree, make_meeting, category, django_assert_max_num_queries
):
    small, large = make_meeting(title="小"), make_meeting(title="大")
    _fill(people, small, 1)
    c = login(people["staff"])
    urls = [f"/meetings/n/{tree.neighborhood.slug}/", small.get_absolute_url()]
    measured = []
    for url in urls:
        with CaptureQueriesContext(connection) as counted:
            assert c.get(url).status_code == 200
        measured.append(len(counted.captured_queries))
    _fill(people, large, 15)
    for i in range(10):
        make_meeting(title=f"会议{i}", hours_from_now=24 * (i + 3))
    for url, n in zip([urls[0], large.get_absolute_url()], measured, strict=True):
        with django_assert_max_num_queries(n):
            assert c.get(url).status_code == 200
