"""The sorting permission table: every role of the root conftest, every sorting page and API
answer, and what each role gets there: the building checks' notes and photos (a building's
record: staff, the property manager who runs the bins, street staff, and that building's
leader), the link to a building's record from the scoreboard, the suggestion a resident sent
(with the suggester's real name, phone or room: never, not even to staff, who see the public
name), and the writes. Pages and the API are fetched for real.

Building 1 of `nb` is where `resident` (张三, 13811112222, room 1-1-101), `housemate`,
`neighbour` live and `leader` leads; building 2 is `far_resident`'s, `owners`', the
secretary's and staff's; `x` is the building of the other neighborhood (same street). Columns:

    guide    nb's guide with its drop-off points (guide page, API points, API search)
    board    nb's building scoreboard (page, API)
    b1 b2 x  a building's record of checks with a note and a photo (page, API)
    sugg     张三's suggestion waiting for staff (manage page, the item's page, API item)
    suggest  suggest an item to nb's guide (API, then the database)
    check    record a check on building 1 (API). Leaders do not record checks, even on their
             own building: the scoreboard ranks buildings, and a leader would grade their own.
    form     open the page to record a check (200, else 302/403; never a 500)
    ask      open the page to suggest an item
    point    add a drop-off point to nb (the staff page's form)

Read cells: `-` not there (302/403/404); `.` there without any of the fields below;
`d` the drop-off point; `l` + a link from the scoreboard to building 1's record; `h` + the
check's note; `f` + its photo; `s` + the suggestion; `n` / `p` / `r` + 张三's real name /
phone / room. Each output carries at most what OUTPUT_FIELDS says.
Write cells: `y` done, `-` refused and nothing changed.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from linli.core.tests.test_uploads import photo
from linli.sorting import actions
from linli.sorting.models import Check, DropOffPoint, Item

COLUMNS = ["guide", "board", "b1", "b2", "x", "sugg", "suggest", "check", "form", "ask", "point"]
WRITES = {"suggest", "check", "point"}

# fmt: off
TABLE = {
    "secretary":    ("committee staff",    "d  l  hf hf -  s  y  y  y  y  y"),
    "staff":        ("committee staff",    "d  l  hf hf -  s  y  y  y  y  y"),
    "leader":       ("own building",       "d  l  hf -  -  -  y  -  -  y  -"),
    "owners":       ("other building",     "d  .  -  -  -  -  y  -  -  y  -"),
    "property":     ("no household",       "d  l  hf hf -  -  -  y  y  -  -"),
    "resident":     ("own (suggester)",    "d  .  -  -  -  -  y  -  -  y  -"),
    "housemate":    ("own household",      "d  .  -  -  -  -  y  -  -  y  -"),
    "neighbour":    ("own building",       "d  .  -  -  -  -  y  -  -  y  -"),
    "far_resident": ("other building",     "d  .  -  -  -  -  y  -  -  y  -"),
    "street_staff": ("street",             "d  l  hf hf hf -  -  -  -  -  -"),
    "other_staff":  ("other neighborhood", "d  -  -  -  hf -  -  -  -  -  -"),
    "unverified":   ("no household",       "d  -  -  -  -  -  -  -  -  -  -"),
    "anonymous":    ("signed out",         "d  -  -  -  -  -  -  -  -  -  -"),
}
# fmt: on

FIELDS = {
    "d": "point",
    "l": "link",
    "h": "note",
    "f": "photo",
    "s": "suggestion",
    "n": "name",
    "p": "phone",
    "r": "room",
}
NB = {"name": "张三", "phone": "13811112222", "room": "1-1-101"}
PERSONAL = set(NB)
OUTPUT_FIELDS = {
    "guide page": {"point"} | PERSONAL,
    "API points": {"point"} | PERSONAL,
    "API search": PERSONAL,
    "scoreboard": {"link"} | PERSONAL,
    "API scoreboard": PERSONAL,
    "record page": {"note", "photo"} | PERSONAL,
    "API checks": {"note"} | PERSONAL,
    "manage page": {"suggestion"} | PERSONAL,
    "item page": {"suggestion"} | PERSONAL,
    "API item": {"suggestion"} | PERSONAL,
}
SUGGESTION = "旧羽绒服"


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


@pytest.fixture
def world(tree, other_tree, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    point = DropOffPoint.objects.create(
        neighborhood=tree.neighborhood, compound=tree.compound, name="北门厢房", times="07:00-09:00"
    )
    far_point = DropOffPoint.objects.create(
        neighborhood=other_tree.neighborhood, compound=other_tree.compound, name="远方厢房"
    )
    today = timezone.localdate()
    buildings = {"b1": tree.buildings[0], "b2": tree.buildings[1], "x": other_tree.buildings[0]}
    checks = {}
    for key, building in buildings.items():
        actor = people["other_staff"] if key == "x" else people["staff"]
        checks[key] = actions.check_record(
            building=building,
            actor=actor,
            day=today,
            result="mixed",
            point=far_point if key == "x" else point,
            note=f"厨余垃圾没有破袋（{key}）",
            photo=SimpleUploadedFile(f"{key}.jpg", photo(), content_type="image/jpeg"),
        )
    suggestion = actions.item_suggest(
        neighborhood=tree.neighborhood,
        person=people["resident"],
        name_zh=SUGGESTION,
        kind="recyclable",
        note="不知道该扔哪里",
    )
    return {"point": point, "buildings": buildings, "checks": checks, "suggestion": suggestion}


def _text(response, *, api=False):
    if response.status_code != 200:
        return None
    if api:
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def _get(client, url, *, api=False):
    r = client.get(url)
    assert r.status_code in ((200, 401, 403, 404) if api else (200, 302, 403, 404)), (url, r)
    return _text(r, api=api)


def _outputs(column, client, world):
    nb = "nb"
    if column == "guide":
        return {
            "guide page": _get(client, reverse("sorting:guide", args=[nb])),
            "API points": _get(client, f"/api/v1/sorting/n/{nb}/points", api=True),
            "API search": _get(client, f"/api/v1/sorting/n/{nb}/search?q=电池", api=True),
        }
    if column == "board":
        return {
            "scoreboard": _get(client, reverse("sorting:scoreboard", args=[nb])),
            "API scoreboard": _get(client, f"/api/v1/sorting/n/{nb}/scoreboard", api=True),
        }
    if column == "sugg":
        item = world["suggestion"]
        return {
            "manage page": _get(client, reverse("sorting:manage", args=[nb])),
            "item page": _get(client, reverse("sorting:item-detail", args=[item.pk])),
            "API item": _get(client, f"/api/v1/sorting/items/{item.pk}", api=True),
        }
    building = world["buildings"][column]
    return {
        "record page": _get(client, reverse("sorting:building-record", args=[building.pk])),
        "API checks": _get(client, f"/api/v1/sorting/buildings/{building.pk}/checks", api=True),
    }


def _markers(column, world):
    markers = dict(NB)
    if column == "guide":
        markers["point"] = world["point"].name
    elif column == "board":
        markers["link"] = reverse("sorting:building-record", args=[world["buildings"]["b1"].pk])
    elif column == "sugg":
        markers["suggestion"] = SUGGESTION
    else:
        check = world["checks"][column]
        markers["note"] = check.note
        markers["photo"] = check.photo.name.rsplit("/", 1)[-1]
    return markers


def _write(column, client, world):
    if column == "suggest":
        r = client.post(
            "/api/v1/sorting/n/nb/suggestions",
            {"name_zh": "坏掉的台灯", "kind": "recyclable"},
            content_type="application/json",
        )
        done = Item.objects.filter(name_zh="坏掉的台灯").exists()
        ok = r.status_code == 201
    elif column == "point":
        r = client.post(
            reverse("sorting:manage", args=["nb"]),
            {
                "form": "point",
                "point-compound": world["point"].compound_id,
                "point-name": "南门回收点",
                "point-times": "07:00-09:00",
                "point-kinds": ["recyclable", "wet"],
            },
        )
        done = DropOffPoint.objects.filter(name="南门回收点").exists()
        ok = r.status_code == 302 and r.url == reverse("sorting:manage", args=["nb"])
    else:
        before = Check.objects.count()
        r = client.post(
            "/api/v1/sorting/n/nb/checks",
            {
                "building_id": world["buildings"]["b1"].pk,
                "day": str(timezone.localdate()),
                "result": "good",
            },
            content_type="application/json",
        )
        done = Check.objects.count() == before + 1
        ok = r.status_code == 201
    assert r.status_code in (201, 302, 401, 403, 404), (column, r.status_code, r.content)
    assert ok == done, f"{column}: the answer says {ok}, the database says {done}"
    return done


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, world, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row = TABLE[role]
    cells = dict(zip(COLUMNS, row.split(), strict=True))
    checked, wrong = 0, []
    for column in ("guide", "board", "b1", "b2", "x", "sugg"):
        markers, cell = _markers(column, world), cells[column]
        for output, text in _outputs(column, c, world).items():
            expected = None
            if cell != "-":
                expected = {FIELDS[f] for f in cell if f in FIELDS} & OUTPUT_FIELDS[output]
            got = None if text is None else {f for f, v in markers.items() if v in text}
            if got != expected:
                wrong.append(f"{role} {column} {output}: expected {expected}, got {got}")
            checked += 1 + len(markers)
    for column, name in (("form", "sorting:check-new"), ("ask", "sorting:suggest")):
        opened = c.get(reverse(name, args=["nb"])).status_code
        assert opened in (200, 302, 403), (column, opened)
        if (opened == 200) != (cells[column] == "y"):
            wrong.append(f"{role} {column}: expected {cells[column]}, got {opened}")
        checked += 1
    for column in ("suggest", "check", "point"):
        done = _write(column, c, world)
        if done != (cells[column] == "y"):
            wrong.append(f"{role} {column}: expected {cells[column]}, done={done}")
        checked += 1
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
    # per output: there or not + each marker; guide 3 outputs × 4 markers, board 2 × 4,
    # each building 2 × 5, sugg 3 × 4; then the writes
    assert checked == 3 * 5 + 2 * 5 + 3 * 2 * 6 + 3 * 5 + len(WRITES) + 2
