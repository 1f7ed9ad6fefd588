"""Registering for an activity and the calendar in a real browser, at 360 and 1280 px."""

import pytest

from linli.activities.models import Registration
from linli.core.browser import horizontal_overflow, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_registers_and_sees_the_calendar(
    live_server, page, width, tree, people, password, make_activity
):
    a = make_activity(
        capacity=1, title="亲子环保手工：旧纸箱变收纳盒", description="带上**旧纸箱**和剪刀。"
    )
    p = page(width)
    sign_in(p, live_server.url, "resident", password)
    p.goto(f"{live_server.url}/activities/")
    p.locator(f"a[href='/activities/{a.pk}/']").first.click()
    p.locator(f"form[action='/activities/{a.pk}/register/'] button").click()
    p.wait_for_selector(".badge.ok")
    assert Registration.objects.get(activity=a, person=people["resident"]).status == "confirmed"
    screenshot(p, "activities-detail")
    p.goto(f"{live_server.url}/activities/n/{tree.neighborhood.slug}/calendar/")
    screenshot(p, "activities-calendar")
    assert horizontal_overflow(p) == 0
