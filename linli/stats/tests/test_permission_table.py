"""Levels and points: every role of the root conftest, through the real pages and API.

`nb`'s committee renamed its levels (level 2 is 「楼道热心人」, 30 points); `other` keeps the
default titles. 张三 (`resident`: 13811112222, room 1-1-101) has 40 points (45 with it) and wrote a public
topic in `nb`; beside his name the forum shows his level, its title and his points.

Columns:

    lv     nb's level titles page (GET, and a POST that saves them)
    lv-x   the other neighborhood's level titles page
    badge  张三's level beside his name on his topic's page and in the API

Cells: `e` the page opens and saving works; `l` the level, title and points are shown with
the public name, never the real name, phone or room; `-` refused (403, or the sign-in page)
and nothing saved. (Linli has no leaderboard yet: when it gets one, it joins this table.)
"""

import json

import pytest
from django.urls import reverse

from linli.forum import actions as forum
from linli.stats import actions
from linli.stats.models import LevelTitle

COLUMNS = ["lv", "lv-x", "badge"]
# fmt: off
TABLE = {
    "secretary":    ("committee of nb",     "e - l"),
    "staff":        ("committee of nb",     "e - l"),
    "leader":       ("own building",        "- - l"),
    "owners":       ("other building",      "- - l"),
    "property":     ("no household",        "- - l"),
    "resident":     ("himself",             "- - l"),
    "housemate":    ("own household",       "- - l"),
    "neighbour":    ("own building",        "- - l"),
    "far_resident": ("other building",      "- - l"),
    "street_staff": ("street",              "- - l"),
    "other_staff":  ("committee of other",  "- e l"),
    "unverified":   ("no household",        "- - l"),
    "anonymous":    ("signed out",          "- - l"),
}
# fmt: on
PERSONAL = {"name": "张三", "phone": "13811112222", "room": "1-1-101"}
LEVELS = [(0, "新来的", "New"), (30, "楼道热心人", "Stairwell helper")]


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


@pytest.fixture
def standing(tree, people):
    actions.levels_set(neighborhood=tree.neighborhood, actor=people["staff"], levels=LEVELS)
    actions.points_award(
        person=people["resident"],
        reason="test",
        amount=40,
        key="t1",
        neighborhood=tree.neighborhood,
    )
    return forum.topic_create(
        author=people["resident"],
        neighborhood=tree.neighborhood,
        title="周末一起打扫楼道（badge）",
        body="周六上午九点，楼下集合。",
    )


def _save(client, slug, title):
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0"}
    for i, (points, _t, en) in enumerate(LEVELS):
        data |= {
            f"form-{i}-min_points": points,
            f"form-{i}-title": f"{title}{i}",
            f"form-{i}-title_en": en,
        }
    return client.post(reverse("stats:levels-edit", args=[slug]), data)


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, other_tree, standing, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row = TABLE[role]
    checked, wrong = 0, []
    cells = dict(zip(COLUMNS, row.split(), strict=True))
    for column, slug in (("lv", "nb"), ("lv-x", "other")):
        page = c.get(reverse("stats:levels-edit", args=[slug]))
        assert page.status_code in (200, 302, 403), page.status_code
        saved = _save(c, slug, f"{role}级")
        assert saved.status_code in (302, 403), saved.status_code
        did_save = LevelTitle.objects.filter(neighborhood__slug=slug, title=f"{role}级1").exists()
        opened = page.status_code == 200
        if opened != (cells[column] == "e") or did_save != (cells[column] == "e"):
            wrong.append(f"{role} {column}: opened={opened} saved={did_save}")
        checked += 2
    for level in LevelTitle.objects.filter(neighborhood__slug="nb"):
        level.title = LEVELS[level.level - 1][1]
        level.save()
    page = c.get(standing.get_absolute_url())
    api = c.get(f"/api/v1/forum/topics/{standing.pk}")
    for output, response in (("topic page", page), ("API detail", api)):
        assert response.status_code == 200, (output, response.status_code)
        text = (
            response.content.decode()
            if output == "topic page"
            else json.dumps(api.json(), ensure_ascii=False)
        )
        if "楼道热心人" not in text or "Resident" not in text:
            wrong.append(f"{role} badge {output}: no level title or public name")
        shown = {f for f, v in PERSONAL.items() if v in text}
        if shown:
            wrong.append(f"{role} badge {output}: shows {shown}")
        checked += 2 + len(PERSONAL)
    from linli.stats.models import Standing

    points = Standing.objects.get(person=people["resident"]).points  # 40, and 5 for the topic
    if f'title="{points} ' not in page.content.decode():
        wrong.append(f"{role} badge topic page: no points")
    checked += 1
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
