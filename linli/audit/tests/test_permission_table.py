"""The audit log's permission table: every role of the root conftest, entries about people in
three places, through the real pages and API, and which personal fields each output shows.

Entries (made by committee staff) are about 张三 (`resident`: 13811112222, room 1-1-101), about
王五 (`neighbour`: 13822224444, room 1-1-201), both in `nb`, and about 李四 in the other
neighborhood (13955556666, room 1-1-301). Each records the person's name, room and phone.

Outputs: the neighborhood's log page and API (`nb` for the first two, `other` for 李四's) and
/me/audit/ with its API. Cells: `l` in the neighborhood's log (page and API); `m` in /me/
(page and API); `-` nowhere (refused, or absent). Wherever an entry is shown, it shows the
person's real name, phone and room: the log is for the secretary, /me/ for the person.
"""

import json

import pytest
from django.urls import reverse

from linli.audit.actions import audit_record
from linli.community.models import Resident
from linli.community.testing import make_person

COLUMNS = ["res", "nbr", "x"]
# fmt: off
TABLE = {
    "secretary":    ("secretary of nb",     "l l -"),
    "staff":        ("committee staff",     "- - -"),
    "leader":       ("own building",        "- - -"),
    "owners":       ("other building",      "- - -"),
    "property":     ("no household",        "- - -"),
    "resident":     ("the entry's person",  "m - -"),
    "housemate":    ("own household",       "- - -"),
    "neighbour":    ("the entry's person",  "- m -"),
    "far_resident": ("other building",      "- - -"),
    "street_staff": ("street",              "- - -"),
    "other_staff":  ("other neighborhood",  "- - -"),
    "unverified":   ("no household",        "- - -"),
    "anonymous":    ("signed out",          "- - -"),
}
# fmt: on
PEOPLE = {
    "res": {"name": "张三", "phone": "13811112222", "room": "1-1-101"},
    "nbr": {"name": "王五", "phone": "13822224444", "room": "1-1-201"},
    "x": {"name": "李四", "phone": "13955556666", "room": "1-1-301"},
}
OUTPUTS = ("log page", "log API", "me page", "me API")


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


@pytest.fixture
def entries(tree, other_tree, people):
    Resident.objects.filter(pk=people["neighbour"].pk).update(real_name="王五", phone="13822224444")
    li = make_person("li", other_tree.buildings[0].homes[2], real_name="李四", phone="13955556666")
    subjects = {
        "res": (people["resident"], tree.neighborhood, people["staff"]),
        "nbr": (people["neighbour"], tree.neighborhood, people["staff"]),
        "x": (li, other_tree.neighborhood, people["other_staff"]),
    }
    made = {}
    for column, (person, neighborhood, actor) in subjects.items():
        p = PEOPLE[column]
        made[column] = audit_record(
            actor=actor,
            action="person.update",
            target=person,
            target_label=f"{p['name']} {p['room']}（{column}）",
            subject=person,
            neighborhood=neighborhood,
            before={"phone": p["phone"]},
            after={"phone": "13700000000"},
        )
    return made


def _rows(body):
    table = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return table.split("<tr>")[1:]


def _outputs(client, entry, column):
    slug = entry.neighborhood.slug
    found = {}
    for output, url in (
        ("log page", reverse("audit:audit-log", args=[slug])),
        ("me page", reverse("audit:audit-mine")),
    ):
        page = client.get(url)
        assert page.status_code in (200, 302, 403), (url, page.status_code)
        rows = (
            [r for r in _rows(page.content.decode()) if f"（{column}）" in r]
            if (page.status_code == 200)
            else []
        )
        found[output] = rows[0] if rows else None
    for output, url in (
        ("log API", f"/api/v1/audit/neighborhoods/{slug}"),
        ("me API", "/api/v1/audit/me"),
    ):
        api = client.get(url)
        assert api.status_code in (200, 401, 403), (url, api.status_code)
        items = api.json()["items"] if api.status_code == 200 else []
        found[output] = {r["id"]: json.dumps(r, ensure_ascii=False) for r in items}.get(entry.pk)
    return found


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, entries, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row = TABLE[role]
    checked, wrong = 0, []
    for column, cell in zip(COLUMNS, row.split(), strict=True):
        for output, text in _outputs(c, entries[column], column).items():
            there = output[0] in cell
            if (text is not None) != there:
                wrong.append(f"{role} {column} {output}: expected there={there}")
            if text is not None:
                shown = {f for f, v in PEOPLE[column].items() if v in text}
                if shown != set(PEOPLE[column]):
                    wrong.append(f"{role} {column} {output}: shows only {shown}")
            checked += 4  # there or not, name, phone, room
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
    assert checked == len(COLUMNS) * len(OUTPUTS) * 4
