"""A resident proposes and a neighbour supports, in a real browser at 360 and 1280 px, in
Chinese and in English."""

import pytest

from linli.core.browser import horizontal_overflow, screenshot, sign_in
from linli.proposals.models import Proposal, Support

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_a_resident_proposes_and_a_neighbour_supports(
    live_server, page, width, tree, people, password, locale
):
    # Signing in switches to the person's saved language: each reads the browser's language.
    for who in ("resident", "neighbour"):
        people[who].language = "zh-hans" if locale == "zh-CN" else "en"
        people[who].save(update_fields=["language"])
    p = page(width, locale=locale)
    sign_in(p, live_server.url, "resident", password)
    p.goto(f"{live_server.url}/proposals/")
    p.locator(f"a[href='/proposals/n/{tree.neighborhood.slug}/new/']").click()
    p.fill("#id_title", "儿童滑梯加护栏")
    p.fill("#id_body", "滑梯边上太高了，小朋友容易摔下来。")
    with p.expect_navigation():
        p.locator("main form[method=post] button").click()
    proposal = Proposal.objects.get(title="儿童滑梯加护栏")
    screenshot(p, f"proposals-detail-{locale}")
    assert horizontal_overflow(p) == 0
    n = page(width, locale=locale)
    sign_in(n, live_server.url, "neighbour", password)
    n.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    with n.expect_navigation():
        n.locator(f"form[action='/proposals/{proposal.pk}/support/'] button").click()
    n.wait_for_selector(".badge.ok")
    assert Support.objects.filter(proposal=proposal).count() == 1
    n.goto(f"{live_server.url}/proposals/n/{tree.neighborhood.slug}/")
    expected = "居民提案" if locale == "zh-CN" else "Residents' proposals"
    assert expected in n.locator("h1").inner_text()
    screenshot(n, f"proposals-list-{locale}")
    assert horizontal_overflow(n) == 0
