"""Home cards: hot topics for residents, waiting reports for staff."""

from linli.moderation import actions as moderation


def test_home_cards(login, people, topic):
    body = login(people["far_resident"]).get("/").content.decode()
    assert "论坛热议" in body and topic.title in body
    moderation.report_create(reporter=people["neighbour"], target=topic, reason="spam")
    staff_home = login(people["staff"]).get("/").content.decode()
    assert (
        "待处理的举报" in staff_home
        and f"/staff/n/{topic.neighborhood.slug}/moderation/" in staff_home
    )
    assert "待处理的举报" not in login(people["far_resident"]).get("/").content.decode()
