"""The building leader's follow-up sheet and the owner register in a real browser, at 360 px
and 1280 px, in both languages, JavaScript off: filter, print (the site's header, filters and
links are not on paper; a box per household is), then enter a paper ballot from a row."""

import pytest

from linli.community.actions.owners import OwnerEntry, unit_owners_set
from linli.community.testing import PASSWORD
from linli.core.browser import horizontal_overflow, screenshot, sign_in
from linli.decide.models import Ballot


def _english(p):
    if p.get_attribute("html", "lang") != "en":
        with p.expect_navigation():
            p.locator("form.lang button").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_leader_prints_the_sheet_and_enters_a_paper_ballot(
    live_server, page, width, people, tree, make_decision, locale
):
    d = make_decision(owners_only=True, options=("同意", "反对"))
    unit_owners_set(
        household=tree.buildings[0].homes[1],
        actor=people["staff"],
        owners=[OwnerEntry("远方业主", "13700001111", "X")],
    )
    p = page(width, java_script_enabled=False, locale=locale)
    sign_in(p, live_server.url, "leader", PASSWORD)
    p.goto(f"{live_server.url}/decide/{d.pk}/followup/")
    if locale == "en-US":
        _english(p)
        assert "Follow-up sheet" in p.content()
    else:
        assert "上门跟进表" in p.content()
    assert "远方业主" in p.content() and "13700001111" in p.content()
    assert horizontal_overflow(p) == 0
    screenshot(p, f"decide-followup-{locale}")
    p.emulate_media(media="print")
    assert not p.locator(".site-header").is_visible()
    assert not p.locator("form.filters").is_visible()
    assert p.locator(".fu-box").count() == 4  # every unit of building 1: nobody has voted
    screenshot(p, f"decide-followup-print-{locale}")
    p.emulate_media(media="screen")
    home = tree.buildings[0].homes[0]
    with p.expect_navigation():
        p.locator(f"a[href$='#h{home.pk}']").click()
    row = p.locator(f"#h{home.pk}")
    row.locator("summary").click()
    row.locator("input[name=option]").first.check()
    with p.expect_navigation():
        row.locator("button").click()
    assert Ballot.objects.get(decision=d, household=home).channel == "paper"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_owners_committee_changes_a_unit_s_owners(live_server, page, width, people, tree):
    p = page(width, java_script_enabled=False)
    sign_in(p, live_server.url, "owners", PASSWORD)
    p.goto(f"{live_server.url}/staff/n/nb/owners/")
    assert "业主名册" in p.content()
    assert horizontal_overflow(p) == 0
    with p.expect_navigation():
        p.locator("td a").first.click()
    p.fill("input[name=o-0-name]", "王芳")
    p.fill("input[name=o-1-name]", "李强")
    with p.expect_navigation():
        p.get_by_role("button", name="保存业主").click()
    assert "王芳" in p.content() and "李强" in p.content()
    screenshot(p, "community-owner-register")
