"""The main flow in a real browser, at 360 px and 1280 px: rank the sites, cast the ballot, see the results."""

import pytest

from linli.community.testing import PASSWORD
from linli.core.browser import (
    csp_violations,
    horizontal_overflow,
    screenshot,
    sign_in,
    watch_console,
)
from linli.decide import actions
from linli.decide.models import Ballot

from .conftest import set_phase


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_resident_ranks_the_sites_and_casts_the_ballot(
    live_server, page, width, people, make_decision
):
    d = make_decision(
        method="ranked",
        options=("7、8 号楼之间空地", "东侧绿化带", "北门停车场一角", "中心绿地西侧"),
        body="新的垃圾分类房放在哪里？请排序。",
    )
    actions.comment_add(
        decision=d, author=people["neighbour"], body="东侧绿化带离住宅最远，**支持**。"
    )
    ids = list(d.options.order_by("position").values_list("id", flat=True))
    p = page(width)
    console = watch_console(p)
    sign_in(p, live_server.url, "resident", PASSWORD)
    p.goto(f"{live_server.url}/decide/{d.pk}/")
    p.select_option(f"select[name=rank_{ids[1]}]", "1")
    p.select_option(f"select[name=rank_{ids[3]}]", "2")
    with p.expect_navigation():
        p.get_by_role("button", name="投票").click()
    assert p.locator(".msg-success").is_visible()
    assert list(
        Ballot.objects.get().choices.order_by("rank").values_list("option_id", flat=True)
    ) == [ids[1], ids[3]]
    assert horizontal_overflow(p) == 0
    screenshot(p, "decide-ballot")
    set_phase(d, "closed")
    p.goto(f"{live_server.url}/decide/{d.pk}/results/")
    assert p.locator("img.chart").count() == 1 and "第 1 轮" in p.content()
    assert horizontal_overflow(p) == 0
    screenshot(p, "decide-results")
    assert csp_violations(console) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_voting_works_with_javascript_off_and_in_english(live_server, page, people, make_decision):
    d = make_decision(method="approval", options=("Site A", "Site B"))
    p = page(360, java_script_enabled=False, locale="en-US")
    sign_in(p, live_server.url, "far_resident", PASSWORD)
    p.goto(f"{live_server.url}/decide/{d.pk}/")
    if p.get_attribute("html", "lang") != "en":
        with p.expect_navigation():
            p.locator("form.lang button").click()
    assert p.get_attribute("html", "lang") == "en"
    p.check("input[name=option] >> nth=1")
    with p.expect_navigation():
        p.get_by_role("button", name="Cast my ballot").click()
    assert "Your ballot is counted" in p.content()
    assert Ballot.objects.filter(decision=d).count() == 1
    screenshot(p, "decide-ballot-nojs-en")
