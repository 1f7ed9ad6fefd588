"""Sorting pages and actions through the UI: search, suggestions, staff edits, checks, scoreboard, iCal."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.audit.models import AuditEntry
from linli.notify.models import Notification
from linli.sorting import actions, selectors
from linli.sorting.models import BuildingMonth, Check, Item

pytestmark = pytest.mark.django_db


def test_guide_search_shows_kind_and_is_public(client, tree, point):
    r = client.get(f"/sorting/n/{tree.neighborhood.slug}/", {"q": "kqsp"})
    assert r.status_code == 200
    body = r.content.decode()
    assert "矿泉水瓶" in body and "07:00-09:00" in body


def test_guide_unknown_item_says_nothing_found(client, tree):
    r = client.get(f"/sorting/n/{tree.neighborhood.slug}/", {"q": "qqxzvw"})
    assert "Nothing found" in r.content.decode() or "没有找到" in r.content.decode()


def test_pick_a_kind_lists_items_paginated(client, tree):
    r = client.get(f"/sorting/n/{tree.neighborhood.slug}/", {"kind": "hazardous"})
    assert "过期药品" in r.content.decode() and "香蕉皮" not in r.content.decode()


def test_item_page_shows_preparation_and_dropoff(client, tree, point):
    item = Item.objects.get(name_zh="快递纸箱")
    r = client.get(f"/sorting/items/{item.pk}/")
    assert r.status_code == 200 and "北门厢房" in r.content.decode()


def test_resident_suggests_and_staff_publish_it_searchable_and_suggester_told(
    login, people, tree, django_capture_on_commit_callbacks
):
    c = login(people["resident"])
    r = c.post(
        f"/sorting/n/{tree.neighborhood.slug}/suggest/", {"name_zh": "猫薄荷玩具", "kind": "dry"}
    )
    assert r.status_code == 302
    item = Item.objects.get(name_zh="猫薄荷玩具")
    assert item.status == "suggested"
    assert "猫薄荷玩具" not in [
        e.name_zh for e, _ in selectors.search(tree.neighborhood.pk, "猫薄荷玩具")
    ]
    staff = login(people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        r = staff.post(
            f"/sorting/suggestions/{item.pk}/decide/",
            {"decision": "accept", "kind": "dry", "note": "整个放干垃圾"},
        )
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.status == "published" and item.decided_by == people["staff"]
    assert [e.name_zh for e, _ in selectors.search(tree.neighborhood.pk, "猫薄荷玩具")][
        0
    ] == "猫薄荷玩具"
    assert [e.name_zh for e, _ in selectors.search(tree.neighborhood.pk, "mbhwj")][
        0
    ] == "猫薄荷玩具"
    assert (
        Notification.objects.filter(
            recipient=people["resident"], kind="sorting.suggestion_decided"
        ).count()
        == 1
    )
    assert AuditEntry.objects.filter(action="sorting.suggestion_decide").count() == 1


def test_unverified_and_other_neighborhood_cannot_suggest(login, people, tree):
    for who in ("unverified", "other_staff"):
        r = login(people[who]).post(
            f"/sorting/n/{tree.neighborhood.slug}/suggest/", {"name_zh": "某物"}
        )
        assert r.status_code == 403
    assert not Item.objects.filter(name_zh="某物").exists()


def test_empty_suggestion_is_refused_with_a_message(login, people, tree):
    r = login(people["resident"]).post(
        f"/sorting/n/{tree.neighborhood.slug}/suggest/", {"name_zh": "  "}
    )
    assert r.status_code == 200 and Item.objects.filter(status="suggested").count() == 0


def test_staff_correction_replaces_the_curated_item_in_this_neighborhood_only(
    people, tree, other_tree, django_capture_on_commit_callbacks
):
    selectors.search(
        tree.neighborhood.pk, "玉米叶"
    )  # a warm index must be rebuilt after the change
    with django_capture_on_commit_callbacks(execute=True):
        actions.item_save(
            neighborhood=tree.neighborhood,
            actor=people["staff"],
            name_zh="玉米叶",
            kind="dry",
            note="本小区：玉米叶放干垃圾",
        )
    mine = selectors.search(tree.neighborhood.pk, "玉米叶")[0][0]
    theirs = selectors.search(other_tree.neighborhood.pk, "玉米叶")[0][0]
    assert mine.kind == "dry" and theirs.kind == "wet"
    assert AuditEntry.objects.filter(action="sorting.item_save").exists()


def test_residents_cannot_edit_the_guide(people, tree):
    with pytest.raises(PermissionDenied):
        actions.item_save(
            neighborhood=tree.neighborhood, actor=people["resident"], name_zh="X", kind="dry"
        )


def test_dropoff_times_must_be_readable(people, tree):
    with pytest.raises(ValidationError):
        actions.point_save(compound=tree.compound, actor=people["staff"], name="A", times="早上")
    with pytest.raises(ValidationError):
        actions.point_save(
            compound=tree.compound, actor=people["staff"], name="A", times="9:00-7:00"
        )
    p = actions.point_save(
        compound=tree.compound, actor=people["staff"], name="A", times="7:00-9:00，18:00~20:00"
    )
    assert p.times == "07:00-09:00, 18:00-20:00"


def test_dropoffs_for_building_only_lists_points_serving_it(people, tree, point):
    b1, b2 = tree.buildings
    only_b2 = actions.point_save(
        compound=tree.compound,
        actor=people["staff"],
        name="只给2号楼",
        times="7:00-9:00",
        buildings=[b2],
    )
    assert [p.pk for p in selectors.dropoffs_for_building(b1)] == [point.pk]
    assert {p.pk for p in selectors.dropoffs_for_building(b2)} == {point.pk, only_b2.pk}


def test_check_record_counts_the_month_and_tells_the_leader(people, tree, point):
    b1 = tree.buildings[0]
    today = timezone.localdate()
    actions.check_record(building=b1, actor=people["staff"], day=today, result="good", point=point)
    actions.check_record(building=b1, actor=people["staff"], day=today, result="mixed", point=point)
    row = BuildingMonth.objects.get(building=b1, month=today.replace(day=1))
    assert (row.good, row.mixed, row.contaminated, row.score) == (1, 1, 0, 75)
    assert (
        Notification.objects.filter(
            recipient=people["leader"], kind="sorting.check_recorded"
        ).count()
        == 2
    )
    check = Check.objects.filter(building=b1).first()
    actions.check_delete(check=check, actor=people["staff"])
    row.refresh_from_db()
    assert row.total == 1


def test_check_in_the_future_or_by_a_resident_changes_nothing(people, tree):
    b1 = tree.buildings[0]
    with pytest.raises(ValidationError):
        actions.check_record(
            building=b1,
            actor=people["staff"],
            day=timezone.localdate() + timedelta(days=1),
            result="good",
        )
    with pytest.raises(PermissionDenied):
        actions.check_record(
            building=b1, actor=people["resident"], day=timezone.localdate(), result="good"
        )
    assert not Check.objects.exists() and not BuildingMonth.objects.exists()


def test_building_record_for_its_leader_not_for_residents(login, people, tree):
    b1, b2 = tree.buildings
    assert login(people["leader"]).get(f"/sorting/buildings/{b1.pk}/").status_code == 200
    assert login(people["leader"]).get(f"/sorting/buildings/{b2.pk}/").status_code == 403
    assert login(people["resident"]).get(f"/sorting/buildings/{b1.pk}/").status_code == 403


def test_scoreboard_has_chart_and_table_and_constant_queries(
    login, people, tree, point, django_assert_max_num_queries
):
    from linli.community.models import Building

    today = timezone.localdate()
    actions.check_record(
        building=tree.buildings[0], actor=people["staff"], day=today, result="good"
    )
    c = login(people["resident"])
    url = f"/sorting/n/{tree.neighborhood.slug}/scoreboard/"
    with CaptureQueriesContext(connection) as small:
        r = c.get(url)
    assert (
        r.status_code == 200
        and "data:image/svg+xml" in r.content.decode()
        and "<table" in r.content.decode()
    )
    for n in range(30):
        b = Building.objects.create(
            compound=tree.compound,
            neighborhood=tree.neighborhood,
            number=str(100 + n),
            sort_key=100 + n,
        )
        actions.check_record(building=b, actor=people["staff"], day=today, result="mixed")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url).status_code == 200


def test_scoreboard_needs_a_resident_of_the_neighborhood(login, people, tree):
    assert (
        login(people["other_staff"])
        .get(f"/sorting/n/{tree.neighborhood.slug}/scoreboard/")
        .status_code
        == 403
    )


def test_collection_feed_is_ical_with_shanghai_timezone(client, people, tree):
    start = timezone.now() + timedelta(days=3)
    actions.collection_day_save(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        sort="bulky",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="南门",
    )
    r = client.get(f"/sorting/n/{tree.neighborhood.slug}/collection.ics")
    body = r.content.decode()
    assert r["Content-Type"].startswith("text/calendar")
    assert (
        "BEGIN:VTIMEZONE" in body
        and "TZID:Asia/Shanghai" in body
        and "BEGIN:VEVENT" in body
        and "南门" in body
    )


def test_guide_page_queries_do_not_grow_with_points(
    client, people, tree, django_assert_max_num_queries
):
    url = f"/sorting/n/{tree.neighborhood.slug}/?q=电池"
    actions.point_save(
        compound=tree.compound,
        actor=people["staff"],
        name="点",
        times="7:00-9:00",
        buildings=[tree.buildings[0]],
    )
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    measured = len(small.captured_queries)  # now: the next request resets the query log
    for n in range(20):
        actions.point_save(
            compound=tree.compound,
            actor=people["staff"],
            name=f"点{n}",
            times="7:00-9:00",
            buildings=[tree.buildings[n % 2]],
        )
    client.get(url)
    with django_assert_max_num_queries(measured):
        client.get(url)


def test_building_dropoffs_tag_renders_the_points_of_the_building(tree, point):
    from django.template import Context, Template

    html = Template("{% load sorting %}{% building_dropoffs building %}").render(
        Context({"building": tree.buildings[0]})
    )
    assert "北门厢房" in html and "07:00-09:00" in html


def test_home_card_shows_the_drop_off_times_of_my_building(login, people, tree, point):
    from linli.sorting.actions import point_save

    point_save(
        compound=tree.compound,
        actor=people["staff"],
        name="只给2号楼的点",
        times="6:00-7:00",
        buildings=[tree.buildings[1]],
    )
    body = login(people["resident"]).get("/").content.decode()
    assert "北门厢房" in body and "只给2号楼的点" not in body
