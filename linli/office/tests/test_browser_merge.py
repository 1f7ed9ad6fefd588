"""Merging a duplicate request in Chromium at 360 px and 1280 px, in both languages, with
JavaScript off: staff merge from the likely-duplicates list, and the duplicate's page
points to the one that stays."""

import pytest

from linli.community.testing import PASSWORD
from linli.core.browser import horizontal_overflow, screenshot, sign_in
from linli.office.models import Request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_merge_a_duplicate_without_javascript(live_server, page, width, locale, people, submit):
    survivor = submit("resident", description="7号楼电梯又停了，老人上下楼不方便。")
    duplicate = submit("far_resident", description="7号楼电梯停了两天了，没有人来修。")
    p = page(width, java_script_enabled=False, locale=locale)
    sign_in(p, live_server.url, "staff", PASSWORD)
    p.goto(live_server.url + duplicate.get_absolute_url())
    screenshot(p, f"office-merge-form-{locale}")
    assert horizontal_overflow(p) <= 0
    p.fill("#merge-into", str(survivor.pk))
    with p.expect_navigation():
        p.locator("form[action$='/merge/'].card button").click()
    assert p.url.endswith(survivor.get_absolute_url())
    assert Request.objects.get(pk=duplicate.pk).merged_into_id == survivor.pk
    # The duplicate's reporter opens it and is sent on to the one that stays.
    reporter = page(width, locale=locale)
    sign_in(reporter, live_server.url, "far_resident", PASSWORD)
    reporter.goto(live_server.url + duplicate.get_absolute_url())
    assert reporter.locator(f"p.notice a[href='{survivor.get_absolute_url()}']").count() == 1
    screenshot(reporter, f"office-merged-{locale}")
    assert horizontal_overflow(reporter) <= 0
