"""Every role through every forum permission (adhocracy-plus style)."""

import json

import pytest

from linli.forum import actions

ROLES = [
    "secretary",
    "staff",
    "leader",
    "resident",
    "housemate",
    "neighbour",
    "far_resident",
    "owners",
    "property",
    "street_staff",
    "other_staff",
    "unverified",
    "anonymous",
]
MEMBERS = {
    "secretary",
    "staff",
    "leader",
    "resident",
    "housemate",
    "neighbour",
    "far_resident",
    "owners",
}
STAFF = {"secretary", "staff"}


@pytest.mark.parametrize("who", ROLES)
def test_permissions_by_role(people, tree, topic, residents_topic, who):
    user = people[who]
    nb = tree.neighborhood
    assert user.has_perm("forum.view_topic", topic)  # public
    assert user.has_perm("forum.view_topic", residents_topic) is (who in MEMBERS | {"street_staff"})
    assert user.has_perm("forum.post", nb) is (who in MEMBERS)
    assert user.has_perm("forum.support", topic) is (who in MEMBERS)
    assert user.has_perm("forum.report", topic) is (who in MEMBERS)
    assert user.has_perm("forum.mark_best", topic) is (
        who in STAFF | {"resident"}
    )  # resident wrote it
    assert user.has_perm("forum.manage_topic", topic) is (who in STAFF)
    assert user.has_perm("forum.post_committee_topic", nb) is (who in STAFF)
    assert user.has_perm("moderation.review", nb) is (who in STAFF)
    # Quick proposals: the topic's author (resident) or staff start one; members take a stance.
    assert user.has_perm("forum.start_quick_proposal", topic) is (who in STAFF | {"resident"})
    assert user.has_perm("forum.take_stance", topic) is (who in MEMBERS)


def test_hidden_topic_is_for_staff_only(people, topic):
    actions.post_set_hidden(type(topic), topic.pk, True)
    topic.refresh_from_db()
    assert not people["far_resident"].has_perm("forum.view_topic", topic)
    assert people["staff"].has_perm("forum.view_topic", topic)


def test_posting_is_rate_limited(people, tree, monkeypatch):
    from django.core.exceptions import ValidationError

    monkeypatch.setattr(actions.common, "POSTS_PER_HOUR", 2)
    for i in range(2):
        actions.topic_create(
            author=people["resident"], neighborhood=tree.neighborhood, title=f"t{i}", body="b"
        )
    with pytest.raises(ValidationError):
        actions.topic_create(
            author=people["resident"], neighborhood=tree.neighborhood, title="t3", body="b"
        )
    from linli.forum.models import Topic

    assert Topic.objects.count() == 2


# The forum's permission table, through the real pages and API ------------------------------
#
# Topics in `nb` are written by `resident` (张三, 13811112222, room 1-1-101, building 1); two
# more in the other neighborhood by 李四 (13955556666, room 1-1-301). Columns:
#
#     pub / res   a public / residents-only topic in nb
#     held        a topic of 张三 the spam check held (awaits review)
#     x+ / x-     a public / residents-only topic in the other neighborhood
#
# Outputs: the topic list page, the topic page, the API list, the API detail.
# Cells: `-` not there (absent from lists, 403/404 on its page and in the API); `b` there, with
# the public name and the building, never the real name, phone or room; `B` the same on its
# own page and API detail only (a held topic is in no list, not even the author's or staff's:
# staff find it in the moderation queue).

FORUM_COLUMNS = ["pub", "res", "held", "x+", "x-"]
# fmt: off
FORUM_TABLE = {
    "secretary":    ("moderator",          "b b B b -"),
    "staff":        ("moderator",          "b b B b -"),
    "leader":       ("own building",       "b b - b -"),
    "owners":       ("other building",     "b b - b -"),
    "property":     ("no household",       "b - - b -"),
    "resident":     ("own (author)",       "b b B b -"),
    "housemate":    ("own household",      "b b - b -"),
    "neighbour":    ("own building",       "b b - b -"),
    "far_resident": ("other building",     "b b - b -"),
    "street_staff": ("street",             "b b - b b"),
    "other_staff":  ("other neighborhood", "b - - b b"),
    "unverified":   ("no household",       "b - - b -"),
    "anonymous":    ("signed out",         "b - - b -"),
}
# fmt: on
FORUM_NB = {"name": "张三", "phone": "13811112222", "room": "1-1-101"}
FORUM_X = {"name": "李四", "phone": "13955556666", "room": "1-1-301"}
FORUM_OUTPUTS = ("list page", "topic page", "API list", "API detail")


def test_the_forum_table_covers_every_role_of_the_root_conftest(people):
    assert set(FORUM_TABLE) == set(people)
    assert all(len(row.split()) == len(FORUM_COLUMNS) for _s, row in FORUM_TABLE.values())


@pytest.fixture
def forum_topics(tree, other_tree, people):
    from datetime import timedelta

    from django.utils import timezone

    from linli.community.models import Resident
    from linli.community.testing import make_person

    made = {
        "pub": actions.topic_create(
            author=people["resident"],
            neighborhood=tree.neighborhood,
            title="楼下花园的长椅能不能多放几张（pub）",
            body="傍晚散步的老人多，长椅不够坐。",
        ),
        "res": actions.topic_create(
            author=people["resident"],
            neighborhood=tree.neighborhood,
            title="本楼道的自行车怎么停放（res）",
            body="只想和本小区的邻居商量。",
            visibility="residents",
        ),
    }
    li = make_person(
        "other_resident",
        other_tree.buildings[0].homes[2],
        real_name=FORUM_X["name"],
        phone=FORUM_X["phone"],
    )
    Resident.objects.filter(pk=li.pk).update(date_joined=timezone.now() - timedelta(days=400))
    for column, visibility, body in (
        ("x+", "public", "车位太少，晚上回来总是找不到地方停，大家怎么看？"),
        ("x-", "residents", "物业说下个月重新划线，想先听听本小区邻居的意见。"),
    ):
        made[column] = actions.topic_create(
            author=Resident.objects.get(pk=li.pk),
            neighborhood=other_tree.neighborhood,
            title=f"隔壁小区的停车位安排（{column}）",
            body=body,
            visibility=visibility,
        )
        assert not made[column].held
    # A brand-new account's advert is held for review, not rejected.
    Resident.objects.filter(pk=people["resident"].pk).update(date_joined=timezone.now())
    held = actions.topic_create(
        author=people["resident"],
        neighborhood=tree.neighborhood,
        title="出闲置（held）",
        body="出闲置，有意加微信 ab12",
    )
    assert held.held
    made["held"] = held
    Resident.objects.filter(pk=people["resident"].pk).update(
        date_joined=timezone.now() - timedelta(days=400)
    )
    return made


def _forum_outputs(client, topic):
    from django.urls import reverse

    slug = topic.neighborhood.slug
    page = client.get(reverse("forum:topic-detail", args=[topic.pk]))
    assert page.status_code in (200, 403, 404), page.status_code
    api = client.get(f"/api/v1/forum/topics/{topic.pk}")
    assert api.status_code in (200, 403, 404), api.status_code
    listing = client.get(reverse("forum:topic-list", args=[slug]))
    assert listing.status_code == 200
    api_list = client.get(f"/api/v1/forum/n/{slug}/topics?page_size=100")
    assert api_list.status_code == 200
    marker = topic.get_absolute_url()
    rows = [
        row
        for row in listing.content.decode().split('<li class="topic')[1:]
        if f'href="{marker}"' in row
    ]
    return {
        "list page": rows[0] if rows else None,
        "topic page": page.content.decode() if page.status_code == 200 else None,
        "API list": {
            row["id"]: json.dumps(row, ensure_ascii=False) for row in api_list.json()["items"]
        }.get(topic.pk),
        "API detail": json.dumps(api.json(), ensure_ascii=False)
        if api.status_code == 200
        else None,
    }


@pytest.mark.parametrize("role", list(FORUM_TABLE))
def test_forum_permission_table(role, client, login, people, forum_topics, record_property):
    from django.utils import translation

    c = client if role == "anonymous" else login(people[role])
    _scope, row = FORUM_TABLE[role]
    checked, wrong = 0, []
    for column, cell in zip(FORUM_COLUMNS, row.split(), strict=True):
        topic = forum_topics[column]
        person = FORUM_X if column.startswith("x") else FORUM_NB
        building = topic.author.household.building
        labels = set()
        for language in ("zh-hans", "en"):
            with translation.override(language):
                labels.add(str(building.label))
        for output, text in _forum_outputs(c, topic).items():
            there = cell == "b" or (cell == "B" and output in ("topic page", "API detail"))
            if (text is not None) != there:
                wrong.append(f"{role} {column} {output}: expected there={there}")
            if text is not None:
                assert f"（{column}）" in text
                shown = {f for f, value in person.items() if value in text}
                if shown:
                    wrong.append(f"{role} {column} {output}: shows {shown}")
                if not any(label in text for label in labels):
                    wrong.append(f"{role} {column} {output}: no building beside the name")
            checked += 5  # there or not, name, phone, room, building
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
    assert checked == len(FORUM_COLUMNS) * len(FORUM_OUTPUTS) * 5


def test_the_author_of_a_held_topic_reads_it_on_its_page_and_in_the_api_and_a_neighbour_does_not(
    client, login, people, tree
):
    from datetime import timedelta

    from django.utils import timezone

    from linli.community.models import Resident

    Resident.objects.filter(pk=people["resident"].pk).update(date_joined=timezone.now())
    held = actions.topic_create(
        author=Resident.objects.get(pk=people["resident"].pk),
        neighborhood=tree.neighborhood,
        title="出闲置",
        body="出闲置，有意加微信 ab12",
    )
    assert held.held
    Resident.objects.filter(pk=people["resident"].pk).update(
        date_joined=timezone.now() - timedelta(days=400)
    )
    for role, status in (("resident", 200), ("staff", 200), ("neighbour", 403)):
        c = login(people[role])
        assert c.get(held.get_absolute_url()).status_code == status, role
        assert c.get(f"/api/v1/forum/topics/{held.pk}").status_code == status, role
