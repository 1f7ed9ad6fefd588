"""A notification is said in the language of whoever reads it, not of whoever caused it:
parameters hold keys and names in both languages, never translated words."""

import importlib

from django.apps import apps
from django.utils import translation

from linli.community import actions as community_actions
from linli.community.models import Role
from linli.notify.models import Notification

migration = importlib.import_module(
    "linli.notify.migrations.0005_notification_params_not_sentences"
)


def _text(notification, language):
    with translation.override(language):
        return notification.text


def test_verification_notice_names_the_building_in_the_readers_language(people, tree):
    tree.compound.name_en = "Riverside Gardens"
    tree.compound.save()
    household = tree.buildings[0].homes[1]
    with translation.override("zh-hans"):  # the staff member works in Chinese
        community_actions.resident_verify(
            resident=people["unverified"], household=household, actor=people["secretary"]
        )
    notice = Notification.objects.get(kind="community.verified", recipient=people["unverified"])
    assert _text(notice, "en").endswith("you now belong to Riverside Gardens Building 1.")
    assert "号楼" not in _text(notice, "en")
    assert "nb花园 1号楼" in _text(notice, "zh-hans")


def test_role_notice_names_the_neighborhood_in_the_readers_language(people, tree):
    with translation.override("zh-hans"):
        community_actions.role_grant(
            person=people["neighbour"],
            kind=Role.Kind.BUILDING_LEADER,
            neighborhood=tree.neighborhood,
            building=tree.buildings[0],
            actor=people["secretary"],
        )
    notice = Notification.objects.get(kind="community.role_granted", recipient=people["neighbour"])
    assert "nb Neighborhood" in _text(notice, "en") and "居民区" not in _text(notice, "en")


def test_older_rows_with_translated_words_are_turned_back_into_keys(people):
    person = people["resident"]
    published = Notification.objects.create(
        recipient=person,
        kind="decide.result_published",
        params={"title": "New sorting room", "outcome": "未通过"},
    )
    chosen = Notification.objects.create(
        recipient=person,
        kind="decide.result_published",
        params={"title": "Where", "outcome": "选定：7、8 号楼之间空地"},
    )
    verified = Notification.objects.create(
        recipient=person, kind="community.verified", params={"household": "A区 7号楼"}
    )
    other = Notification.objects.create(
        recipient=person, kind="decide.result_published", params={"outcome": "something else"}
    )
    assert _text(published, "en").endswith("is published: 未通过")

    migration.forwards(apps, None)

    for row in (published, chosen, verified, other):
        row.refresh_from_db()
    assert published.params["outcome"] == "not_passed"
    assert _text(published, "en") == "The result of “New sorting room” is published: not passed"
    assert _text(published, "zh-hans").endswith("未通过")
    assert chosen.params == {"title": "Where", "outcome": "chosen", "winner": "7、8 号楼之间空地"}
    assert _text(chosen, "en").endswith("chosen: 7、8 号楼之间空地")
    assert verified.params == {"compound": "A区", "building": "7"}
    assert _text(verified, "en").endswith("belong to A区 Building 7.")
    assert other.params == {"outcome": "something else"}


def test_a_request_category_is_named_in_the_readers_language():
    from linli.notify.kinds import render

    params = {"number": 7, "category": "电梯故障", "category_en": "Lift out of order"}
    with translation.override("en"):
        assert render("office.request_new", params) == "New request #7: Lift out of order"
        changed = render("office.request_changed", {**params, "status": "resolved", "note": ""})
        assert "Lift out of order" in changed and "电梯" not in changed
    with translation.override("zh-hans"):
        assert "电梯故障" in render("office.request_new", params)
    with translation.override("en"):  # no English name: the Chinese one
        assert render("office.request_new", {"number": 7, "category": "电梯故障"}).endswith(
            "电梯故障"
        )


def test_spaces_and_sorting_items_are_named_in_the_readers_language():
    from linli.notify.kinds import render

    booking = {"space": "一米会客厅", "space_en": "Living room", "time": "2026-12-05 15:00"}
    item = {"item": "奶茶杯", "item_en": "Milk tea cup", "status": "published"}
    with translation.override("en"):
        assert render("spaces.booking_approved", booking).startswith("Your booking of Living room")
        assert "Milk tea cup" in render("sorting.suggestion_decided", item)
    with translation.override("zh-hans"):
        assert "一米会客厅" in render("spaces.booking_approved", booking)
        assert "奶茶杯" in render("sorting.suggestion_decided", item)
