"""The spaces' permission table: every role of the root conftest, three bookings, every output
that shows a booking (week page, week API, "my bookings" page and API, the staff queue), and
which of the booker's personal fields each role gets there.

Pages and API are fetched for real; has_perm alone proves nothing about a template.

Bookings (all waiting for approval, so that the queue shows them):

    h   booked by `resident` (张三, 13811112222, household 1-1-101): own household of
        resident and housemate, own building of leader and neighbour, another building for
        far_resident, secretary, staff and owners
    b   booked by `far_resident` (building 2, household 2-1-101)
    x   booked in the other neighborhood by 李四 (shown as 书法老师; 13955556666, household 1-1-301)

Outputs: W week page, w week API, M my-bookings page, m my-bookings API, Q staff queue.

Cells: `-` the booking is not there (absent, or the page refused: 302/401/403/404);
`b` it is there as "booked" with its time and purpose only; `d` + who booked (the public
display name); `n` + real name; `p` + phone; `r` + room. Who booked is for staff and the
booker's own household; nobody gets the real name, phone or room of a booker from spaces.

Writes (third string): each booking approved, then cancelled, through the API as the role;
`y` done, `-` refused (401/403). Approving is for the neighborhood's staff; cancelling for
them, the booker and the booker's household.
"""

import json
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.community.testing import make_person
from linli.spaces import actions
from linli.spaces.models import Space

BOOKINGS = ("h", "b", "x")
OUTPUTS = {"W": "week page", "w": "week API", "M": "mine page", "m": "mine API", "Q": "queue"}
COLUMNS = [f"{o}{b}" for o in OUTPUTS for b in BOOKINGS]

# role: (scope, cells for  W(h b x)  w(h b x)  M(h b x)  m(h b x)  Q(h b x),
#        writes through the API: approve (h b x), then cancel (h b x): y done, - refused)
# fmt: off
TABLE = {
    "secretary":    ("committee staff",    "d d b   b b b   - - -   - - -   d d -", "y y -  y y -"),
    "staff":        ("committee staff",    "d d b   b b b   - - -   - - -   d d -", "y y -  y y -"),
    "leader":       ("own building",       "b b b   b b b   - - -   - - -   - - -", "- - -  - - -"),
    "owners":       ("other building",     "b b b   b b b   - - -   - - -   - - -", "- - -  - - -"),
    "property":     ("no household",       "b b b   b b b   - - -   - - -   - - -", "- - -  - - -"),
    "resident":     ("own (booker)",       "b b b   b b b   b - -   b - -   - - -", "- - -  y - -"),
    "housemate":    ("own household",      "b b b   b b b   b - -   b - -   - - -", "- - -  y - -"),
    "neighbour":    ("own building",       "b b b   b b b   - - -   - - -   - - -", "- - -  - - -"),
    "far_resident": ("other building",     "b b b   b b b   - b -   - b -   - - -", "- - -  - y -"),
    "street_staff": ("street",             "b b b   b b b   - - -   - - -   - - -", "- - -  - - -"),
    "other_staff":  ("other neighborhood", "b b d   b b b   - - -   - - -   - - d", "- - y  - - y"),
    "unverified":   ("no household",       "b b b   b b b   - - -   - - -   - - -", "- - -  - - -"),
    "anonymous":    ("signed out",         "b b b   b b b   - - -   - - -   - - -", "- - -  - - -"),
}
# fmt: on

FIELDS = {"d": "display name", "n": "name", "p": "phone", "r": "room"}
PEOPLE = {
    "h": {"display name": "Resident", "name": "张三", "phone": "13811112222", "room": "1-1-101"},
    "b": {
        "display name": "Far_Resident",
        "name": "far_resident 真名",
        "phone": "13900000000",
        "room": "2-1-101",
    },
    "x": {"display name": "书法老师", "name": "李四", "phone": "13955556666", "room": "1-1-301"},
}
PURPOSE = {"h": "张家读书会", "b": "二号楼合唱排练", "x": "隔壁社区书法课"}


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row, _w in TABLE.values())
    assert all(len(w.split()) == 2 * len(BOOKINGS) for _scope, _row, w in TABLE.values())


def _room(neighborhood):
    return Space.objects.create(
        neighborhood=neighborhood,
        name=f"{neighborhood.slug}会客厅",
        capacity=12,
        opens_at=time(8),
        closes_at=time(21),
        max_minutes=180,
        max_open_per_household=3,
    )


@pytest.fixture
def bookings(tree, other_tree, people):
    tz = timezone.get_current_timezone()
    day = timezone.localdate() + timedelta(days=1)

    def at(hour):
        return timezone.make_aware(datetime.combine(day, time(hour)), tz)

    nb, far = _room(tree.neighborhood), _room(other_tree.neighborhood)
    li = make_person("li", other_tree.buildings[0].homes[2], real_name="李四", phone="13955556666")
    li.display_name = PEOPLE["x"]["display name"]
    li.save(update_fields=["display_name"])
    made = {}
    for key, space, who, hour in (
        ("h", nb, people["resident"], 10),
        ("b", nb, people["far_resident"], 14),
        ("x", far, li, 10),
    ):
        (made[key],) = actions.booking_request(
            space=space,
            starts_at=at(hour),
            ends_at=at(hour + 1),
            purpose=PURPOSE[key],
            requester=who,
        )
        assert made[key].status == "requested"
    return made


def _segment(body, start, end, marker):
    """The piece of `body` between `start` and `end` that holds `marker`, or None."""
    for piece in body.split(start)[1:]:
        piece = piece.split(end, 1)[0]
        if marker in piece:
            return piece
    return None


def _page(client, url):
    response = client.get(url)
    assert response.status_code in (200, 302, 403, 404), url
    return response.content.decode() if response.status_code == 200 else None


def _api_items(client, url):
    response = client.get(url)
    assert response.status_code in (200, 401, 403, 404), url
    if response.status_code != 200:
        return None
    data = response.json()
    return data["items"] if isinstance(data, dict) else data


def _find(items, purpose):
    for item in items or ():
        if item["purpose"] == purpose:
            return json.dumps(item, ensure_ascii=False)
    return None


def _outputs(client, booking):
    """What each output shows of one booking: None when it is not there, else its text."""
    purpose, space = booking.purpose, booking.space
    week = timezone.localtime(booking.starts_at).date().isoformat()
    week_page = _page(client, reverse("spaces:space-week", args=[space.pk]) + f"?week={week}")
    mine_page = _page(client, reverse("spaces:booking-mine"))
    queue = _page(client, reverse("spaces:booking-queue", args=[space.neighborhood.slug]))
    return {
        "W": week_page and _segment(week_page, '<li class="slot', "</li>", purpose),
        "w": _find(_api_items(client, f"/api/v1/spaces/{space.pk}/week?week={week}"), purpose),
        "M": mine_page and _segment(mine_page, '<article class="card">', "</article>", purpose),
        "m": _find(_api_items(client, "/api/v1/spaces/bookings/mine"), purpose),
        "Q": queue and _segment(queue, '<article class="card">', "</article>", purpose),
    }


def _shown(text, person):
    shown = {f for f, value in person.items() if value in text}
    # "Resident" is inside "Far_Resident": a display name counts only as a whole word.
    if "display name" in shown and f"_{person['display name']}" in text:
        shown.discard("display name")
    return shown


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, bookings, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row, writes = TABLE[role]
    cells = dict(zip(COLUMNS, row.split(), strict=True))
    checked, wrong = 0, []
    for key, booking in bookings.items():
        for output, text in _outputs(c, booking).items():
            cell = cells[f"{output}{key}"]
            expected = None if cell == "-" else {FIELDS[f] for f in cell if f in FIELDS}
            got = None if text is None else _shown(text, PEOPLE[key])
            if got != expected:
                wrong.append(f"{role} {key} {OUTPUTS[output]}: expected {expected}, got {got}")
            checked += 5  # present or not, display name, real name, phone, room
    # Approvals and cancellations through the API, each booking approved then cancelled.
    done = dict(zip([f"{w}{b}" for w in "ac" for b in BOOKINGS], writes.split(), strict=True))
    for verb, action in (("a", "approve"), ("c", "cancel")):
        for key, booking in bookings.items():
            url = f"/api/v1/spaces/bookings/{booking.pk}/{action}"
            response = c.post(url, {} if verb == "a" else {"reason": ""}, "application/json")
            assert response.status_code in (200, 401, 403), (url, response.status_code)
            got = response.status_code == 200
            if got != (done[f"{verb}{key}"] == "y"):
                wrong.append(f"{role} {key} {action}: expected {not got}, got {got}")
            checked += 1
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
    assert checked == len(COLUMNS) * 5 + 2 * len(BOOKINGS)
