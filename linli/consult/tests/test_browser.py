"""Answering a consultation and following participation, in a real browser at 360 px and 1280 px."""

import pytest

from linli.community.testing import PASSWORD
from linli.consult.models import Response
from linli.core.browser import (
    csp_violations,
    horizontal_overflow,
    screenshot,
    sign_in,
    watch_console,
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_resident_answers_and_the_leader_follows_up(live_server, page, width, people, survey):
    c = survey()
    q = c.q
    p = page(width)
    console = watch_console(p)
    sign_in(p, live_server.url, "resident", PASSWORD)
    p.goto(f"{live_server.url}/consult/{c.pk}/")
    p.get_by_label("会", exact=True).check()
    p.get_by_label("亲子").check()
    p.fill(f"input[name=q{q['rank'].pk}_{q['rank'].choices.get(label='乙').pk}]", "1")
    p.locator(f"input[name=q{q['rating'].pk}][value='4']").check()
    p.fill(f"input[name=q{q['number'].pk}]", "3")
    assert horizontal_overflow(p) == 0
    screenshot(p, "consult-form")
    with p.expect_navigation():
        p.get_by_role("button", name="提交").click()
    assert p.locator(".msg-success").is_visible()
    assert Response.objects.filter(consultation=c).count() == 1
    leader = page(width)
    sign_in(leader, live_server.url, "leader", PASSWORD)
    leader.goto(f"{live_server.url}/consult/{c.pk}/participation/")
    assert leader.locator("figure.ranked .ranked-rows li").count() >= 1
    assert "1-201" in leader.content()
    assert horizontal_overflow(leader) == 0
    screenshot(leader, "consult-participation")
    assert csp_violations(console) == []
