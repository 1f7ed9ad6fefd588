"""A quick proposal inside a topic in a real browser at 360 and 1280 px, in Chinese and in
English: the author opens it, a neighbour takes a stance with a reason."""

from datetime import timedelta

import pytest
from django.utils import timezone

from linli.core.browser import horizontal_overflow, screenshot, sign_in
from linli.forum.models import QuickProposal, Stance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_author_opens_a_quick_proposal_and_a_neighbour_takes_a_stance(
    live_server, page, width, topic, people, password, locale
):
    a = page(width, locale=locale)
    sign_in(a, live_server.url, "resident", password)
    a.goto(f"{live_server.url}{topic.get_absolute_url()}")
    a.locator(".quick-proposals summary").click()
    a.fill("#id_statement", "新垃圾房建在北门停车场东侧")
    when = timezone.localtime() + timedelta(days=2)
    a.fill("#id_closes_at", when.strftime("%Y-%m-%dT%H:%M"))
    with a.expect_navigation():
        a.locator(f"form[action='/forum/t/{topic.pk}/quick/'] button").click()
    quick = QuickProposal.objects.get(topic=topic)
    n = page(width, locale=locale)
    sign_in(n, live_server.url, "neighbour", password)
    n.goto(f"{live_server.url}{topic.get_absolute_url()}")
    n.locator("input[name=position][value=disagree]").check()
    n.fill("#id_reason", "离幼儿园太近")
    with n.expect_navigation():
        n.locator(f"form[action='/forum/q/{quick.pk}/stance/'] button").click()
    assert Stance.objects.get(proposal=quick).position == "disagree"
    n.wait_for_selector(".stances")
    screenshot(n, f"forum-quick-{locale}")
    assert horizontal_overflow(n) == 0
