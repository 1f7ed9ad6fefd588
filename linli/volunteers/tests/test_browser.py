"""Signing up for a shift in a real browser, at 360 and 1280 px, and without JavaScript."""

import pytest

from linli.core.browser import horizontal_overflow, screenshot, sign_in
from linli.volunteers.models import SignUp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_signs_up_for_a_shift(
    live_server, page, width, tree, people, password, make_shift
):
    shift = make_shift(places=2, title="垃圾分类值守（早）")
    make_shift(places=1, days=4, title="书记会客日帮手")
    p = page(width, java_script_enabled=width > 400)
    sign_in(p, live_server.url, "resident", password)
    p.goto(f"{live_server.url}/volunteers/")
    p.wait_for_selector("h1")
    p.locator(f"form[action='/volunteers/shifts/{shift.pk}/signup/'] button").click()
    p.wait_for_load_state()
    assert SignUp.objects.filter(shift=shift, person=people["resident"], status="signed").exists()
    screenshot(p, "volunteers-shifts")
    assert horizontal_overflow(p) == 0
    p.goto(f"{live_server.url}{shift.get_absolute_url()}")
    screenshot(p, "volunteers-shift-detail")
