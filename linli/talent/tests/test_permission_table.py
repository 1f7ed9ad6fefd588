"""The talent pool's permission table: every role of the root conftest, five profiles, every
output that shows a profile (directory page and API, profile page and API, "who could answer
this?" page and API, the tracked invitations page and API, my invitations), and which of the
talent's personal fields each role gets there. Replaces the has_perm-only test_rules.py.

Pages and API are fetched for real; has_perm alone proves nothing about a template.

Profiles (each with the skill 景观设计, each invited once by its committee's staff):

    o   resident 张三 (household 1-1-101): shown to residents, phone allowed. Own profile of
        resident, own household of housemate, own building of leader and neighbour, another
        building for far_resident, owners, secretary and staff
    c   neighbour (building 1): committee only, phone allowed
    f   far_resident (building 2): shown to residents, phone not allowed
    w   leader (building 1): shown to residents, phone allowed, invited, then consent withdrawn
    x   李四 in the other neighborhood: shown to residents, phone allowed

Outputs: L directory page, l directory API, P profile page, p profile API, S match page,
s match API, I invitations page (staff), i invitations API (staff), j my invitations API.

Cells: `-` the profile is not there (absent, or refused: 302/401/403/404); `d` it is there with
the public display name; `b` + building; `p` + phone; `n` + real name; `r` + room.
Search (the directory API's q) finds a profile by its display name wherever it is listed,
and never by the talent's real name, phone or room. Nobody gets a real name or room from the
talent pool; the phone only staff of the talent's own
neighborhood, only while consent holds and only if the talent allowed it.
"""

import json
from urllib.parse import quote

import pytest
from django.urls import reverse

from linli.community.testing import make_person
from linli.talent import actions

from .factories import declare, skills_for

PROFILES = ("o", "c", "f", "w", "x")
OUTPUTS = {
    "L": "directory page",
    "l": "directory API",
    "P": "profile page",
    "p": "profile API",
    "S": "match page",
    "s": "match API",
    "I": "invitations page",
    "i": "invitations API",
    "j": "my invitations API",
}
COLUMNS = [f"{o}{k}" for o in OUTPUTS for k in PROFILES]

# role: (scope, cells: one group of  o c f w x  per output, in the order of OUTPUTS)
# fmt: off
TABLE = {
    #                                      L          l            P          p            S          s            I          i          j
    "secretary":    ("committee staff",   "db db db - -  dbp dbp db - -  dp dp d - -  dbp dbp db - -  db db db - -  dbp dbp db - -  d d d d -  d d d d -  - - - - -"),
    "staff":        ("committee staff",   "db db db - -  dbp dbp db - -  dp dp d - -  dbp dbp db - -  db db db - -  dbp dbp db - -  d d d d -  d d d d -  - - - - -"),
    "leader":       ("own building, w",   "d - d - -     d - d - -       d - d d -    d - d d -       - - - - -     - - - - -       - - - - -  - - - - -  - - - d -"),
    "owners":       ("other building",    "d - d - -     d - d - -       d - d - -    d - d - -       - - - - -     - - - - -       - - - - -  - - - - -  - - - - -"),
    "property":     ("no household",      "- - - - -     - - - - -       - - - - -    - - - - -       - - - - -     - - - - -       - - - - -  - - - - -  - - - - -"),
    "resident":     ("own, o",            "d - d - -     d - d - -       d - d - -    d - d - -       - - - - -     - - - - -       - - - - -  - - - - -  d - - - -"),
    "housemate":    ("own household",     "d - d - -     d - d - -       d - d - -    d - d - -       - - - - -     - - - - -       - - - - -  - - - - -  - - - - -"),
    "neighbour":    ("own building, c",   "d - d - -     d - d - -       d d d - -    d d d - -       - - - - -     - - - - -       - - - - -  - - - - -  - d - - -"),
    "far_resident": ("other building, f", "d - d - -     d - d - -       d - d - -    d - d - -       - - - - -     - - - - -       - - - - -  - - - - -  - - d - -"),
    "street_staff": ("street",            "- - - - -     - - - - -       - - - - -    - - - - -       - - - - -     - - - - -       - - - - -  - - - - -  - - - - -"),
    "other_staff":  ("other neighborhood","- - - - db    - - - - dbp     - - - - dp   - - - - dbp     - - - - db    - - - - dbp     - - - - d  - - - - d  - - - - -"),
    "unverified":   ("no household",      "- - - - -     - - - - -       - - - - -    - - - - -       - - - - -     - - - - -       - - - - -  - - - - -  - - - - -"),
    "anonymous":    ("signed out",        "- - - - -     - - - - -       - - - - -    - - - - -       - - - - -     - - - - -       - - - - -  - - - - -  - - - - -"),
}
# fmt: on

FIELDS = {"d": "display name", "b": "building", "p": "phone", "n": "name", "r": "room"}


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


@pytest.fixture
def profiles(tree, other_tree, people):
    """The five profiles, and what each talent's personal fields look like."""
    li = make_person("li", other_tree.buildings[0].homes[2], real_name="李四", phone="13955556666")
    li.display_name = "书法老师"
    li.save(update_fields=["display_name"])
    owners = {
        "o": people["resident"],
        "c": people["neighbour"],
        "f": people["far_resident"],
        "w": people["leader"],
        "x": li,
    }
    for n, key in enumerate("cfw"):
        owners[key].phone = f"1370000000{n}"
        owners[key].save(update_fields=["phone"])
    nb, far = skills_for(tree.neighborhood), skills_for(other_tree.neighborhood)
    setup = {
        "o": ("residents", True),
        "c": ("committee", True),
        "f": ("residents", False),
        "w": ("residents", True),
        "x": ("residents", True),
    }
    made = {}
    for key, (visibility, contact) in setup.items():
        made[key] = declare(
            owners[key],
            [(far if key == "x" else nb)["景观设计"]],
            visibility=visibility,
            contact_allowed=contact,
            background="社区花园设计",
        )
        actions.invitation_create(
            profile=made[key],
            target_kind="topic",
            target_label="口袋公园改造",
            actor=people["other_staff" if key == "x" else "staff"],
        )
    actions.profile_withdraw(person=owners["w"])
    for key, profile in made.items():
        profile.refresh_from_db()
        person = owners[key]
        household = person.household
        profile.fields = {
            "display name": person.public_name,
            "building": household.building.compound.name,
            "phone": person.phone,
            "name": person.real_name,
            "room": household.address,
        }
    return made


def _page(client, url):
    response = client.get(url)
    assert response.status_code in (200, 302, 403, 404), url
    return response.content.decode() if response.status_code == 200 else None


def _api(client, url):
    response = client.get(url)
    assert response.status_code in (200, 401, 403, 404), url
    return response.json() if response.status_code == 200 else None


def _segment(body, start, end, marker):
    for piece in (body or "").split(start)[1:]:
        piece = piece.split(end, 1)[0]
        if marker in piece:
            return piece
    return None


def _item(data, match):
    items = data["items"] if isinstance(data, dict) else data or ()
    for item in items:
        if match(item):
            return json.dumps(item, ensure_ascii=False)
    return None


def _outputs(client, profile):
    """What each output shows of one profile: None when it is not there, else its text."""
    slug, pk = profile.neighborhood.slug, profile.pk
    href = f'href="{reverse("talent:profile-detail", args=[pk])}'
    page = _page(client, reverse("talent:profile-detail", args=[pk]))
    directory = _page(client, reverse("talent:profile-list", args=[slug]))
    match = _page(client, reverse("talent:match", args=[slug]) + "?q=景观设计")
    invitations = _page(client, reverse("talent:invitation-list", args=[slug]))
    return {
        "L": _segment(directory, '<li class="card talent">', "</li>", href),
        "l": _item(
            _api(client, f"/api/v1/talent/profiles?neighborhood={slug}&page_size=100"),
            lambda i: i["id"] == pk,
        ),
        # The profile's own part of its page: from its title to the contributions.
        "P": page and page.split("<h1>", 1)[1].split("<h2>", 1)[0],
        "p": _item([_api(client, f"/api/v1/talent/profiles/{pk}")], lambda i: i and i["id"] == pk),
        "S": _segment(match, '<li class="card talent">', "</li>", href),
        "s": _item(
            _api(client, f"/api/v1/talent/match?neighborhood={slug}&q=景观设计"),
            lambda i: i["profile"]["id"] == pk,
        ),
        "I": _segment(invitations, "<tr>", "</tr>", href),
        "i": _item(
            _api(client, f"/api/v1/talent/invitations?neighborhood={slug}&page_size=100"),
            lambda i: i["profile"] == pk,
        ),
        "j": _item(_api(client, "/api/v1/talent/invitations"), lambda i: i["profile"] == pk),
    }


def _shown(text, fields):
    shown = {f for f, value in fields.items() if value in text}
    # "Resident" is inside "Far_Resident": a display name counts only as a whole word.
    if "display name" in shown and f"_{fields['display name']}" in text:
        shown.discard("display name")
    return shown


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, profiles, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row = TABLE[role]
    cells = dict(zip(COLUMNS, row.split(), strict=True))
    checked, wrong = 0, []
    for key, profile in profiles.items():
        for output, text in _outputs(c, profile).items():
            cell = cells[f"{output}{key}"]
            expected = None if cell == "-" else {FIELDS[f] for f in cell}
            got = None if text is None else _shown(text, profile.fields)
            if got != expected:
                wrong.append(f"{role} {key} {OUTPUTS[output]}: expected {expected}, got {got}")
            checked += 6  # present or not, display name, building, phone, real name, room
    # Search: the directory finds a profile by its display name where it lists it, and
    # never by the talent's real name, phone or room (nobody may learn who is behind them).
    for key, profile in profiles.items():
        listed = cells[f"l{key}"] != "-"
        for field in ("display name", "name", "phone", "room"):
            found = _item(
                _api(
                    c,
                    f"/api/v1/talent/profiles?neighborhood={profile.neighborhood.slug}"
                    f"&q={quote(profile.fields[field])}",
                ),
                lambda i: i["id"] == profile.pk,  # noqa: B023
            )
            if (found is not None) != (listed and field == "display name"):
                wrong.append(f"{role} {key} search by {field}: found {found is not None}")
            checked += 1
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
    assert checked == len(COLUMNS) * 6 + len(PROFILES) * 4
