"""The main flows in Chromium at 360 px and 1280 px: a resident reports a problem (with
JavaScript off too), staff accept it, a resident books a reception-day slot and a space."""

import pytest
from django.utils import timezone

from linli.community.testing import PASSWORD
from linli.core.browser import (
    csp_violations,
    horizontal_overflow,
    screenshot,
    sign_in,
    watch_console,
)
from linli.office.models import Request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_accept_and_follow_a_request(live_server, page, width, people, tree, categories):
    from linli.office import actions

    earlier = actions.request_submit(
        reporter=people["far_resident"],
        neighborhood=tree.neighborhood,
        category=categories["noise"],
        description="地库入口的灯一直在闪",
        public=True,
    )
    p = page(width)
    console = watch_console(p)
    sign_in(p, live_server.url, "resident", PASSWORD)
    p.goto(live_server.url + "/office/n/nb/requests/new/")
    p.fill("#id_description", "地库的灯一直闪")
    # htmx asks for likely duplicates while the resident types.
    p.wait_for_selector(f"#similar a[href='{earlier.get_absolute_url()}']")
    p.select_option("#id_category", str(categories["lift"].pk))
    p.fill("#id_description", "3号电梯按钮失灵，按了没反应")
    p.select_option("#id_building", str(tree.buildings[0].pk))
    screenshot(p, "office-request-form")
    assert horizontal_overflow(p) <= 0
    with p.expect_navigation():
        p.locator("main form button.primary").click()
    assert "#" in p.locator("h1").inner_text()
    r = Request.objects.get(reporter=people["resident"])
    screenshot(p, "office-request-detail-resident")

    staff = page(width)
    sign_in(staff, live_server.url, "property", PASSWORD)
    staff.goto(live_server.url + r.get_absolute_url())
    staff.select_option("#id_to", "accepted")
    staff.fill("#id_note", "今天下午派人检修")
    with staff.expect_navigation():
        staff.locator("form[action$='/status/'] button").click()
    screenshot(staff, "office-request-detail-staff")
    assert horizontal_overflow(staff) <= 0
    r.refresh_from_db()
    assert r.status == "accepted"
    staff.goto(live_server.url + "/office/n/nb/requests/")
    screenshot(staff, "office-request-list")
    assert not csp_violations(console)


def test_report_without_javascript(live_server, page, people, tree, categories):
    p = page(360, java_script_enabled=False)
    sign_in(p, live_server.url, "resident", PASSWORD)
    p.goto(live_server.url + "/office/n/nb/requests/new/")
    p.select_option("#id_category", str(categories["noise"].pk))
    p.fill("#id_description", "楼上每天半夜装修")
    with p.expect_navigation():
        p.locator("main form button.primary").click()
    assert Request.objects.filter(category=categories["noise"]).count() == 1


def test_book_a_reception_slot_and_see_the_dashboard(live_server, page, width, people, next_day):
    p = page(width)
    sign_in(p, live_server.url, "resident", PASSWORD)
    p.goto(live_server.url + "/office/n/nb/reception/")
    screenshot(p, "office-reception-list")
    p.goto(live_server.url + next_day.get_absolute_url())
    p.fill("#id_subject", "7号楼加装电梯")
    with p.expect_navigation():
        p.locator("main form button.primary").click()
    assert next_day.slots.filter(person=people["resident"]).exists()
    screenshot(p, "office-reception-detail")
    assert horizontal_overflow(p) <= 0
    s = page(width)
    sign_in(s, live_server.url, "secretary", PASSWORD)
    s.goto(live_server.url + "/office/n/nb/dashboard/")
    screenshot(s, "office-dashboard")
    assert horizontal_overflow(s) <= 0
    s.goto(live_server.url + next_day.get_absolute_url())
    screenshot(s, "office-reception-staff")


def test_book_the_living_room(live_server, page, width, people, room):
    p = page(width)
    sign_in(p, live_server.url, "resident", PASSWORD)
    p.goto(live_server.url + room.get_absolute_url())
    day = timezone.localdate() + timezone.timedelta(days=3)
    p.fill("#id_date", day.isoformat())
    p.fill("#id_start", "14:00")
    p.fill("#id_end", "15:30")
    p.fill("#id_purpose", "亲子绘本阅读")
    screenshot(p, "spaces-detail")
    with p.expect_navigation():
        p.locator("main form[method=post] button.primary").click()
    assert room.bookings.get().purpose == "亲子绘本阅读"
    screenshot(p, "spaces-mine")
    p.goto(live_server.url + f"/spaces/{room.pk}/week/?week={day.isoformat()}")
    screenshot(p, "spaces-week")
    assert horizontal_overflow(p) <= 0
