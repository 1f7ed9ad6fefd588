"""The consultations' permission table: every role of the root conftest, every page and API
endpoint that shows something about a household's answer or lets someone act on one, and
which of a respondent's personal fields each role gets there. Pages, the API and the
exports are fetched for real (has_perm alone proves nothing about a template or a schema).

In `nb`, 张三 (`resident`, shown as 小张, 13811112222, household 1-1-101 in building 1) has
answered a named consultation N and an anonymous one A ("不会", and the free text
"楼梯太陡没法上去"); far_resident (2-1-101, building 2) has answered too. Results of both
are published. X is a consultation of the other neighborhood.

Columns:

    N:page A:page   the consultation page: the household's own answer, filled in
    N:api  A:api    GET …/answer: the caller's own household answer
    N:hh   A:hh     the consultation page ?household=1-1-101 (entering on paper or by phone)
    N:b1            participation page, building 1: the row of 1-1-101
    N:b2            participation page, building 2: the row of 2-1-101
    N:part          participation API: which buildings' counts come back (1, 2)
    N:res           results page and API (published)
    N:txt  A:txt    the free-text answers page of the question
    N:csv  A:csv    the CSV export: 张三's row
    X:page          the other neighborhood's consultation page
    N:ans           answering through the API (always for the caller's own household)
    N:ent1 N:ent2   entering an answer for an unheard household of building 1 / 2
    N:remind        sending reminders
    M:page M:api    a consultation where each resident answers for themselves: 张三's own
                    answer, which his housemate does not see

Cells: `-` refused or not there (403/404/302 to sign-in or away, the row absent; for
N:api and A:api, 204 "no answer of yours" counts as `o`); otherwise
the letters that show: `o` there with nothing personal, `v` whether it answered, `c` what it
answered (the free text), `d` the respondent's display name, `n` real name, `p` phone,
`r` room, `1`/`2` a building's counts, `y` the act was done.
Anonymity: in A nobody but the household itself sees `c` beside `r`, `d` or `n`.
"""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.community.testing import make_person
from linli.consult import actions
from linli.consult.models import Consultation, Response

# fmt: off
COLUMNS = ["N:page", "A:page", "N:api", "A:api", "N:hh", "A:hh", "N:b1", "N:b2", "N:part",
           "N:res", "N:txt", "A:txt", "N:csv", "A:csv", "X:page", "N:ans", "N:ent1", "N:ent2",
           "N:remind", "M:page", "M:api"]
TABLE = {
    # column:        1    2    3    4    5    6    7    8    9    10   11   12   13   14   15   16   17   18   19   20   21
    "secretary":    "o    o    o    o    rc   r    vr   vr   12   o    cd   c    rcd  c    -    y    y    y    y    o    o",
    "staff":        "o    o    o    o    rc   r    vr   vr   12   o    cd   c    rcd  c    -    y    y    y    y    o    o",
    "leader":       "o    o    o    o    rc   r    vr   -    1    o    c    c    -    -    -    y    y    -    -    o    o",
    "owners":       "o    o    o    o    -    -    -    -    -    o    c    c    -    -    -    y    -    -    -    o    o",
    "property":     "o    o    o    o    -    -    -    -    -    o    c    c    -    -    -    -    -    -    -    o    o",
    "resident":     "c    c    c    c    -    -    -    -    -    o    c    c    -    -    -    y    -    -    -    c    c",
    "housemate":    "c    c    c    c    -    -    -    -    -    o    c    c    -    -    -    y    -    -    -    o    o",
    "neighbour":    "o    o    o    o    -    -    -    -    -    o    c    c    -    -    -    y    -    -    -    o    o",
    "far_resident": "o    o    o    o    -    -    -    -    -    o    c    c    -    -    -    y    -    -    -    o    o",
    "street_staff": "o    o    o    o    -    -    vr   vr   12   o    c    c    -    -    o    -    -    -    -    o    o",
    "other_staff":  "-    -    -    -    -    -    -    -    -    -    -    -    -    -    o    -    -    -    -    -    -",
    "unverified":   "-    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -",
    "anonymous":    "-    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -",
}
# fmt: on

FLAGS = "ovcdnpr12y"  # every cell checks each of these, shown or not
ZHANG = {"n": "张三", "p": "13811112222", "d": "小张"}
MARK = "楼梯太陡没法上去"


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for row in TABLE.values())


def test_no_one_but_the_household_sees_who_wrote_an_anonymous_answer():
    for role, row in TABLE.items():
        for column, cell in zip(COLUMNS, row.split(), strict=True):
            if column.startswith("A:") and "c" in cell and set(cell) & set("rdnp"):
                raise AssertionError(f"{role} {column}: {cell}")


def _make(neighborhood, actor, title, anonymous=False, per="household"):
    now = timezone.now()
    c = actions.consultation_create(
        neighborhood=neighborhood,
        actor=actor,
        title=title,
        opens_at=now + timedelta(hours=1),  # questions are added before answering opens
        closes_at=now + timedelta(days=7),
        anonymous=anonymous,
        per=per,
    )
    c.q_use = actions.question_add(
        consultation=c, actor=actor, kind="single", text="会使用吗？", choices=["会", "不会"]
    )
    c.q_why = actions.question_add(
        consultation=c, actor=actor, kind="text", text="有什么意见？", required=False
    )
    Consultation.objects.filter(pk=c.pk).update(opens_at=now - timedelta(hours=1))
    c.opens_at = now - timedelta(hours=1)
    return c


def _answer(c, person, text):
    no = c.q_use.choices.get(label="不会").pk
    actions.response_submit(
        consultation=c, actor=person, answers={c.q_use.pk: [no], c.q_why.pk: text}
    )


@pytest.fixture
def world(people, tree, other_tree):
    from linli.community.models import Resident

    Resident.objects.filter(pk=people["resident"].pk).update(display_name="小张")
    people["resident"].display_name = "小张"
    staff = people["staff"]
    named = _make(tree.neighborhood, staff, "一米会客厅需求调查")
    anon = _make(tree.neighborhood, staff, "匿名满意度调查", anonymous=True)
    mine = _make(tree.neighborhood, staff, "每人一份问卷", per="resident")
    for c in (named, anon, mine):
        _answer(c, people["resident"], MARK)
        _answer(c, people["far_resident"], "还可以")
        actions.results_publish(consultation=c, actor=staff)
    li = make_person("li_si", other_tree.buildings[0].homes[1])
    far = _make(other_tree.neighborhood, people["other_staff"], "别的小区调查")
    _answer(far, li, "别处的意见")
    b1, b2 = tree.buildings
    return {"M": mine, "N": named, "A": anon, "X": far, "b1": b1, "b2": b2, "home": b1.homes[0]}


def _ok(response):
    return response.status_code == 200


def _fields(text, room="1-1-101"):
    text = text.split('<main id="main"', 1)[-1]  # not the signed-in person's own name above
    shown = {k for k, v in ZHANG.items() if v in text}
    if room in text:
        shown.add("r")
    if MARK in text:
        shown.add("c")
    return shown


def _get(client, url):
    r = client.get(url)
    assert r.status_code in (200, 302, 403, 404), (url, r.status_code)
    return r.content.decode() if _ok(r) else None


def _page(client, c, query=""):
    body = _get(client, c.get_absolute_url() + query)
    return None if body is None else _fields(body) | {"o"}


def _api_answer(client, c):
    r = client.get(f"/api/v1/consultations/{c.pk}/answer")
    assert r.status_code in (200, 204, 401, 403, 404), r.status_code
    if r.status_code == 204:
        return {"o"}
    if r.status_code != 200:
        return None
    return _fields(json.dumps(r.json(), ensure_ascii=False)) | {"o"}


def _participation_row(client, c, building, room):
    url = reverse("consult:consultation-participation", args=[c.pk]) + f"?building={building.pk}"
    body = _get(client, url)
    if body is None:
        return None
    found = re.search(rf'<th scope="row">{room}</th>(.*?)</tr>', body, re.S)
    if not found:
        return None
    row = found.group(1)
    return {"r"} | _fields(row, room) | ({"v"} if 'badge ok"' in row else set())


def _api_participation(client, c):
    r = client.get(f"/api/v1/consultations/{c.pk}/participation")
    assert r.status_code in (200, 401, 403, 404), r.status_code
    if r.status_code != 200 or not r.json():
        return None
    assert not _fields(json.dumps(r.json(), ensure_ascii=False))
    return {row["building"] for row in r.json()}


def _results(client, c):
    page = client.get(reverse("consult:consultation-results", args=[c.pk]))
    api = client.get(f"/api/v1/consultations/{c.pk}/results")
    assert page.status_code in (200, 302, 403, 404), page.status_code
    assert api.status_code in (200, 401, 403, 404), api.status_code
    assert _ok(page) == (api.status_code == 200), (page.status_code, api.status_code)
    if api.status_code != 200:
        return None
    return _fields(page.content.decode() + json.dumps(api.json(), ensure_ascii=False)) | {"o"}


def _texts(client, c):
    body = _get(client, reverse("consult:text-answers", args=[c.pk, c.q_why.pk]))
    return None if body is None else _fields(body) | {"o"}


def _csv(client, c):
    r = client.get(reverse("consult:consultation-export", args=[c.pk, "csv"]))
    x = client.get(reverse("consult:consultation-export", args=[c.pk, "xlsx"]))
    assert r.status_code in (200, 302, 403, 404), r.status_code
    assert x.status_code == r.status_code
    if r.status_code != 200:
        return None
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    header, rows = rows[0], rows[1:]
    (mine,) = [row for row in rows if MARK in ",".join(row)]
    shown = _fields(",".join(mine))
    cells = dict(zip(header, mine, strict=False))
    if cells.get("building") == "1" and cells.get("room") == "101":
        shown.add("r")
    return shown


def _api_answer_put(client, c):
    r = client.put(
        f"/api/v1/consultations/{c.pk}/answer",
        {"answers": [{"question": c.q_use.pk, "choices": [c.q_use.choices.get(label="会").pk]}]},
        content_type="application/json",
    )
    assert r.status_code in (200, 401, 403, 404), (r.status_code, r.content)
    return {"y"} if r.status_code == 200 else None


def _enter(client, c, household):
    before = Response.objects.filter(consultation=c, household=household).count()
    r = client.post(
        c.get_absolute_url() + f"?household={household.pk}",
        {
            "household": household.pk,
            "channel": "paper",
            f"q{c.q_use.pk}": c.q_use.choices.get(label="会").pk,
        },
    )
    assert r.status_code in (200, 302, 403, 404), r.status_code
    after = Response.objects.filter(consultation=c, household=household).count()
    return {"y"} if after > before else None


def _remind(client, c):
    r = client.post(reverse("consult:consultation-remind", args=[c.pk]))
    assert r.status_code in (302, 403, 404), r.status_code
    if r.status_code != 302 or "/accounts/" in r["Location"]:
        return None
    return {"y"}


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, world, record_property):
    cl = client if role == "anonymous" else login(people[role])
    n, a, x, b1, b2 = (world[k] for k in ("N", "A", "X", "b1", "b2"))
    hh = f"?household={world['home'].pk}"
    got = {
        "N:page": _page(cl, n),
        "A:page": _page(cl, a),
        "N:api": _api_answer(cl, n),
        "A:api": _api_answer(cl, a),
        "N:hh": _page(cl, n, hh),
        "A:hh": _page(cl, a, hh),
        "N:b1": _participation_row(cl, n, b1, "1-1-101"),
        "N:b2": _participation_row(cl, n, b2, "2-1-101"),
        "N:part": _api_participation(cl, n),
        "N:res": _results(cl, n),
        "N:txt": _texts(cl, n),
        "A:txt": _texts(cl, a),
        "N:csv": _csv(cl, n),
        "A:csv": _csv(cl, a),
        "X:page": _page(cl, x),
    }
    got["M:page"] = _page(cl, world["M"])
    got["M:api"] = _api_answer(cl, world["M"])
    got["N:ent1"] = _enter(cl, n, b1.homes[2])
    got["N:ent2"] = _enter(cl, n, b2.homes[2])
    got["N:ans"] = _api_answer_put(cl, n)
    got["N:remind"] = _remind(cl, n)
    checked, wrong = 0, []
    for column, cell in zip(COLUMNS, TABLE[role].split(), strict=True):
        expected = None if cell == "-" else set(cell)
        shown = got[column]
        if shown is not None and shown - {"o"}:
            shown = shown - {"o"}
        if shown != expected:
            wrong.append(f"{role} {column}: expected {cell}, got {''.join(sorted(shown or '-'))}")
        checked += 1
    record_property("cells", checked)
    record_property("checks", checked * len(FLAGS))
    assert not wrong, "\n".join(wrong)
    assert checked == len(COLUMNS)


@pytest.mark.parametrize("role", ["staff", "leader"])
def test_entering_a_paper_answer_in_an_anonymous_consultation_does_not_show_the_earlier_answer(
    role, login, people, world
):
    """Whether the household has answered shows (the participation page says it too); what it
    answered does not, or staff and leaders could read who answered what."""
    url = world["A"].get_absolute_url() + f"?household={world['home'].pk}"
    body = login(people[role]).get(url).content.decode()
    assert "1-1-101" in body
    assert MARK not in body
    assert 'value="' + str(world["A"].q_use.choices.get(label="不会").pk) + '" checked' not in body
    named = world["N"].get_absolute_url() + f"?household={world['home'].pk}"
    assert MARK in login(people[role]).get(named).content.decode()
