"""The guide in a real browser, at 360 and 1280 px: search, pick a kind, open an item; without JavaScript too."""

import pytest

from linli.core.browser import (
    csp_violations,
    horizontal_overflow,
    screenshot,
    sign_in,
    watch_console,
)
from linli.sorting.actions import curated_load
from linli.sorting.models import DropOffPoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _curated(db):
    curated_load()  # transactional tests empty the tables, the data migration's items too


def test_guide_search_and_item(live_server, page, width, tree, people, password):
    DropOffPoint.objects.create(
        neighborhood=tree.neighborhood,
        compound=tree.compound,
        name="北门垃圾厢房",
        times="07:00-09:00, 18:00-20:00",
    )
    p = page(width)
    console = watch_console(p)
    sign_in(p, live_server.url, "resident", password)
    p.goto(f"{live_server.url}/sorting/n/{tree.neighborhood.slug}/")
    p.fill("#id_q", "kqsp")
    p.locator("main form[role=search] button").click()
    p.wait_for_selector("#guide-results a:has-text('矿泉水瓶')")
    screenshot(p, "sorting-guide-search")
    assert horizontal_overflow(p) == 0
    p.locator("#guide-results a:has-text('矿泉水瓶')").first.click()
    p.wait_for_selector("h1:has-text('矿泉水瓶')")
    assert "北门垃圾厢房" in p.content()
    screenshot(p, "sorting-item")
    assert not csp_violations(console)


def test_guide_without_javascript_in_english(live_server, page, tree):
    p = page(360, java_script_enabled=False, locale="en-US")
    p.goto(f"{live_server.url}/sorting/n/{tree.neighborhood.slug}/?kind=hazardous")
    p.locator("form.lang button").click()
    p.wait_for_load_state()
    p.goto(f"{live_server.url}/sorting/n/{tree.neighborhood.slug}/")
    p.fill("#id_q", "newpaper")
    p.locator("main form[role=search] button").click()
    p.wait_for_selector("#guide-results a:has-text('报纸')")
    assert "newspaper" in p.content()
    screenshot(p, "sorting-guide-nojs-en")


def test_scoreboard_for_a_resident(live_server, page, width, tree, people, password):
    from django.utils import timezone

    from linli.sorting.actions import check_record

    for building, results in zip(
        tree.buildings, (["good", "good", "mixed"], ["contaminated", "mixed"]), strict=False
    ):
        for result in results:
            check_record(
                building=building, actor=people["staff"], day=timezone.localdate(), result=result
            )
    p = page(width)
    sign_in(p, live_server.url, "resident", password)
    p.goto(f"{live_server.url}/sorting/n/{tree.neighborhood.slug}/scoreboard/")
    p.wait_for_selector("img.chart")
    assert p.locator(".table-wrap").first.locator("tbody tr").count() == 2
    screenshot(p, "sorting-scoreboard")
    assert horizontal_overflow(p) == 0
