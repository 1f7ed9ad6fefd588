"""The main flow in a real browser at 360 and 1280 px: list → new topic → reply → support; also without JavaScript."""

import pytest

from linli.community.testing import PASSWORD
from linli.core.browser import (
    csp_violations,
    horizontal_overflow,
    screenshot,
    sign_in,
    watch_console,
)
from linli.forum import actions
from linli.forum.models import Reply, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, selector):
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_post_reply_and_support(live_server, page, width, people, tree):
    from linli.talent.tests.factories import declare

    people["neighbour"].skills = "建筑设计"
    people["neighbour"].save()
    # The 能人 badge needs the talent pool's consent: a profile open to the neighborhood's residents.
    declare(people["neighbour"], visibility="residents", tags="建筑设计")
    staff_topic = actions.topic_create(
        author=people["staff"],
        neighborhood=tree.neighborhood,
        title="新垃圾分类房建在哪里？",
        body="请懂**设计**的邻居出出主意 #设计#",
        is_committee=True,
    )
    actions.reply_create(
        author=people["neighbour"], topic=staff_topic, body="我是建筑师，建议放在北门。"
    )
    p = page(width)
    console = watch_console(p)
    sign_in(p, live_server.url, "resident", PASSWORD)
    p.goto(f"{live_server.url}/forum/n/{tree.neighborhood.slug}/")
    assert horizontal_overflow(p) <= 0
    screenshot(p, "forum-list")

    new_topic = p.locator(".forum-head a.button.primary")
    assert new_topic.inner_text().strip() == "发议题"  # Chinese by default
    new_topic.click()
    p.fill("#id_title", "电梯什么时候修好？")
    p.fill("#id_body", "1 号楼电梯坏了三天了 #电梯# @neighbour")
    submit(p, "main form button.primary")
    topic = Topic.objects.get(title="电梯什么时候修好？")
    assert p.url.endswith(topic.get_absolute_url())
    assert "#电梯#" in p.locator(".crumbs").inner_text()

    p.goto(live_server.url + staff_topic.get_absolute_url())
    assert p.locator(".badge.talent").count() == 1
    p.fill("#id_body", "同意北门方案")
    submit(p, "#h-answer ~ form button.primary")
    assert Reply.objects.filter(topic=staff_topic, author=people["resident"]).count() == 1
    p.locator(
        f"#r{Reply.objects.get(topic=staff_topic, author=people['neighbour']).pk} form.support button"
    ).click()
    p.locator(
        "form.support button[aria-pressed=true]"
    ).first.wait_for()  # not wait_for_function: the CSP forbids eval
    assert Reply.objects.get(author=people["neighbour"]).support_count == 1
    assert horizontal_overflow(p) <= 0
    screenshot(p, "forum-topic")
    assert csp_violations(console) == []


def test_reply_and_support_without_javascript(live_server, page, width, people, tree):
    topic = actions.topic_create(
        author=people["neighbour"],
        neighborhood=tree.neighborhood,
        title="周末跑步",
        body="有人一起吗",
    )
    p = page(width, java_script_enabled=False)
    sign_in(p, live_server.url, "resident", PASSWORD)
    p.goto(live_server.url + topic.get_absolute_url())
    submit(p, ".topic-main form.support button")
    topic.refresh_from_db()
    assert topic.support_count == 1
    p.fill("#id_body", "我来！")
    submit(p, "#h-answer ~ form button.primary")
    assert Reply.objects.filter(topic=topic).count() == 1
    p.goto(f"{live_server.url}/forum/n/{tree.neighborhood.slug}/search/?q=跑步")
    assert p.locator("ol.hits mark").count() >= 1
    assert horizontal_overflow(p) <= 0
    screenshot(p, "forum-search")
