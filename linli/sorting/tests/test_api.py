"""/api/v1/sorting/: search, items, points, suggestions, checks, scoreboard — same rules as the pages, 4xx for bad input."""

import pytest
from django.utils import timezone

from linli.sorting.models import Check, Item

pytestmark = pytest.mark.django_db


def test_search_by_initials_and_english(client, tree):
    r = client.get(f"/api/v1/sorting/n/{tree.neighborhood.slug}/search", {"q": "kqsp"})
    assert (
        r.status_code == 200
        and r.json()[0]["name_zh"] == "矿泉水瓶"
        and r.json()[0]["kind"] == "recyclable"
    )
    r = client.get(
        f"/api/v1/sorting/n/{tree.neighborhood.slug}/search", {"q": "battery", "kind": "hazardous"}
    )
    assert {row["kind"] for row in r.json()} == {"hazardous"}


def test_bad_search_input_is_a_4xx(client, tree):
    assert (
        client.get(
            f"/api/v1/sorting/n/{tree.neighborhood.slug}/search", {"q": "x" * 41}
        ).status_code
        == 422
    )
    assert (
        client.get(
            f"/api/v1/sorting/n/{tree.neighborhood.slug}/search", {"kind": "plutonium"}
        ).status_code
        == 422
    )
    assert client.get("/api/v1/sorting/n/nowhere/search", {"q": "a"}).status_code == 404


def test_item_list_is_paginated_and_item_detail_has_preparation(client, tree):
    r = client.get(
        f"/api/v1/sorting/n/{tree.neighborhood.slug}/items", {"kind": "wet", "page_size": 10}
    )
    body = r.json()
    assert len(body["items"]) == 10 and body["count"] > 100
    item = Item.objects.get(name_zh="快递纸箱")
    detail = client.get(f"/api/v1/sorting/items/{item.pk}").json()
    assert detail["preparation"] and detail["kind"] == "recyclable"


def test_suggestion_needs_a_verified_resident(login, people, tree):
    url = f"/api/v1/sorting/n/{tree.neighborhood.slug}/suggestions"
    assert (
        login(people["unverified"])
        .post(url, {"name_zh": "某物"}, content_type="application/json")
        .status_code
        == 403
    )
    r = login(people["resident"]).post(
        url, {"name_zh": "某物", "kind": "dry"}, content_type="application/json"
    )
    assert r.status_code == 201 and r.json()["status"] == "suggested"
    r = login(people["resident"]).post(url, {"name_zh": "某物"}, content_type="application/json")
    assert r.status_code == 422 and "detail" in r.json()
    assert Item.objects.filter(name_zh="某物").count() == 1


def test_checks_by_staff_only_and_future_dates_refused(login, people, tree):
    b = tree.buildings[0]
    url = f"/api/v1/sorting/n/{tree.neighborhood.slug}/checks"
    today = timezone.localdate()
    assert (
        login(people["resident"])
        .post(
            url,
            {"building_id": b.pk, "day": str(today), "result": "good"},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    staff = login(people["staff"])
    future = today.replace(year=today.year + 1)
    assert (
        staff.post(
            url,
            {"building_id": b.pk, "day": str(future), "result": "good"},
            content_type="application/json",
        ).status_code
        == 422
    )
    assert (
        staff.post(
            url,
            {"building_id": b.pk, "day": str(today), "result": "great"},
            content_type="application/json",
        ).status_code
        == 422
    )
    assert (
        staff.post(
            url,
            {"building_id": b.pk, "day": str(today), "result": "good"},
            content_type="application/json",
        ).status_code
        == 201
    )
    assert Check.objects.count() == 1
    board = (
        login(people["resident"])
        .get(f"/api/v1/sorting/n/{tree.neighborhood.slug}/scoreboard")
        .json()
    )
    assert board["rows"][0]["building_id"] == b.pk and board["rows"][0]["score"] == 100
    assert (
        login(people["leader"]).get(f"/api/v1/sorting/buildings/{b.pk}/checks").status_code == 200
    )
    assert (
        login(people["resident"]).get(f"/api/v1/sorting/buildings/{b.pk}/checks").status_code == 403
    )
