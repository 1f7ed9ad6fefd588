"""The street's flows in Chromium at 360 px and 1280 px, in both languages: the committee
escalates a request (with JavaScript off), the street routes it to a department, and street
staff read and compare their neighborhoods."""

import pytest

from linli.community.testing import PASSWORD
from linli.core.browser import (
    csp_violations,
    horizontal_overflow,
    screenshot,
    sign_in,
    watch_console,
)
from linli.street.models import Escalation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_escalate_route_and_compare(
    live_server, page, width, locale, people, tree, other_tree, submit, departments
):
    request = submit()
    committee = page(width, java_script_enabled=False, locale=locale)
    sign_in(committee, live_server.url, "staff", PASSWORD)
    committee.goto(live_server.url + request.get_absolute_url())
    with committee.expect_navigation():
        committee.locator(f"a[href$='/street/requests/{request.pk}/escalate/']").click()
    committee.fill("#id_reason", "物业称涉及结构问题，需要房管办鉴定。")
    with committee.expect_navigation():
        committee.locator("main form button.primary").click()
    escalation = Escalation.objects.get(request=request)
    screenshot(committee, f"street-escalation-committee-{locale}")
    assert horizontal_overflow(committee) <= 0

    street = page(width, locale=locale)
    console = watch_console(street)
    sign_in(street, live_server.url, "street_staff", PASSWORD)
    street.goto(live_server.url + escalation.get_absolute_url())
    street.select_option("#id_department", str(departments["housing"].pk))
    with street.expect_navigation():
        street.locator("form[action$='/route/'] button").click()
    escalation.refresh_from_db()
    assert escalation.status == "routed" and escalation.department == departments["housing"]
    screenshot(street, f"street-escalation-routed-{locale}")
    street.goto(live_server.url + f"/street/s/{tree.street.pk}/")
    assert street.locator("img.chart").count() == 6
    screenshot(street, f"street-overview-{locale}")
    assert horizontal_overflow(street) <= 0
    street.check("#n-nb")
    with street.expect_navigation():
        street.locator("main form button[type=submit]").click()
    assert "n=nb" in street.url
    street.goto(live_server.url + f"/street/s/{tree.street.pk}/n/nb/")
    screenshot(street, f"street-neighborhood-{locale}")
    assert horizontal_overflow(street) <= 0
    assert not csp_violations(console)
