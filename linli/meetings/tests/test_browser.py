"""A meeting under way in a real browser at 360 and 1280 px, in Chinese and in English: a
resident signs in; staff write a point of the minutes and publish them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from linli.core.browser import horizontal_overflow, screenshot, sign_in
from linli.meetings import actions
from linli.meetings.models import Attendance, MinutePoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_a_resident_signs_in_and_staff_publish_the_minutes(
    live_server, page, width, tree, people, password, locale
):
    start = timezone.now() - timedelta(minutes=20)
    m = actions.meeting_create(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        kind="council",
        title="四月居民议事会",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="一米会客厅",
    )
    actions.agenda_item_add(meeting=m, actor=people["staff"], title="楼道堆物清理")
    r = page(width, locale=locale)
    sign_in(r, live_server.url, "resident", password)
    r.goto(f"{live_server.url}{m.get_absolute_url()}")
    with r.expect_navigation():
        r.locator(f"form[action='/meetings/{m.pk}/sign-in/'] button").click()
    assert Attendance.objects.filter(meeting=m, person=people["resident"]).exists()
    screenshot(r, f"meetings-detail-resident-{locale}")
    assert horizontal_overflow(r) == 0
    s = page(width, locale=locale)
    sign_in(s, live_server.url, "staff", password)
    s.goto(f"{live_server.url}{m.get_absolute_url()}")
    s.locator(f"form[action='/meetings/{m.pk}/minutes/'] >> xpath=..").locator("summary").click()
    s.fill(f"form[action='/meetings/{m.pk}/minutes/'] textarea", "物业周五前清理楼道。")
    with s.expect_navigation():
        s.locator(f"form[action='/meetings/{m.pk}/minutes/'] button").click()
    with s.expect_navigation():
        s.locator(f"form[action='/meetings/{m.pk}/minutes/publish/'] button").click()
    m.refresh_from_db()
    assert MinutePoint.objects.filter(meeting=m).count() == 1 and m.minutes_published_at
    screenshot(s, f"meetings-detail-staff-{locale}")
    assert horizontal_overflow(s) == 0
