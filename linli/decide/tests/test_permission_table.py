"""The decisions' permission table: every role of the root conftest, every page and API
endpoint that shows something about a household's ballot or lets someone act on one, and
which of a voter's personal fields each role gets there. Pages and the API are fetched for
real (has_perm alone proves nothing about a template or a schema).

In `nb`, 张三 (`resident`, 13811112222, household 1-1-101 in building 1) has voted online in
a secret decision S (for 甲方案) and in an open-ballot decision O (for 丙方案); far_resident
(household 2-1-101, building 2) has voted too. X is a decision of the other neighborhood.

Columns (what they look at):

    S:page O:page    the decision page: the household's own ballot (its choice ticked)
    S:api  O:api     GET …/ballot: the caller's own household ballot
    S:b1   O:b1      participation page, building 1: the row of 1-1-101
    S:b2   O:b2      participation page, building 2: the row of 2-1-101
    S:part           participation API: which buildings' counts come back (1, 2)
    S:rcpt           receipt check (page and API) with 张三's receipt: is it counted
    R:res            results page and API of a closed, published decision 张三 voted in
    R:note           its published notice (公示)
    X:page           the other neighborhood's decision page
    own              the unit owners page (Art. 278): the row of 1-1-101, owned by 张三
    S:vote           casting an online ballot (always for the caller's own household)
    S:pp1  S:pp2     entering a paper ballot for an unvoted household of building 1 / 2
    O:proxy          recording a written proxy for an unvoted household of building 1
    own:set          saving the owner of a household
    P:page P:api     a decision where each resident votes for themselves (not the household):
                     张三's own ballot, which his housemate does not see

Cells: `-` refused or not there (403/404/302 to sign-in, the row absent); otherwise the
letters that show: `o` there with nothing personal, `v` whether it voted, `c` how it voted,
`r` room, `n` real name, `p` phone, `1`/`2` a building's counts, `y` the act was done.
Secrecy: no cell of S may hold `c` for anyone but the household itself.
"""

import json
import re

import pytest
from django.urls import reverse

from linli.community.testing import make_person
from linli.decide import actions
from linli.decide.models import Ballot, Decision

from .conftest import set_phase

# fmt: off
COLUMNS = ["S:page", "O:page", "S:api", "O:api", "S:b1", "O:b1", "S:b2", "O:b2", "S:part",
           "S:rcpt", "R:res", "R:note", "X:page", "own", "S:vote", "S:pp1", "S:pp2", "O:proxy",
           "own:set", "P:page", "P:api"]
TABLE = {
    # column:        1    2    3    4    5    6    7    8    9    10   11   12   13   14   15   16   17   18   19   20   21
    "secretary":    "o    o    o    o    vr   vrc  vr   vrc  12   v    o    o    -    nr   y    y    y    y    y    o    o",
    "staff":        "o    o    o    o    vr   vrc  vr   vrc  12   v    o    o    -    nr   y    y    y    y    y    o    o",
    "leader":       "o    o    o    o    vr   vr   -    -    1    v    o    o    -    -    y    y    -    -    -    o    o",
    "owners":       "o    o    o    o    vr   vrc  vr   vrc  12   v    o    o    -    nr   y    -    -    y    y    o    o",
    "property":     "o    o    o    o    -    -    -    -    -    v    o    o    -    -    -    -    -    -    -    o    o",
    "resident":     "c    c    c    c    -    -    -    -    -    v    o    o    -    -    y    -    -    -    -    c    c",
    "housemate":    "c    c    c    c    -    -    -    -    -    v    o    o    -    -    y    -    -    -    -    o    o",
    "neighbour":    "o    o    o    o    -    -    -    -    -    v    o    o    -    -    y    -    -    -    -    o    o",
    "far_resident": "o    o    o    o    -    -    -    -    -    v    o    o    -    -    y    -    -    -    -    o    o",
    "street_staff": "o    o    o    o    vr   vr   vr   vr   12   v    o    o    o    -    -    -    -    -    -    o    o",
    "other_staff":  "-    -    -    -    -    -    -    -    -    -    -    -    o    -    -    -    -    -    -    -    -",
    "unverified":   "-    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -",
    "anonymous":    "-    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -",
}
# fmt: on

FLAGS = "ovcrnp12y"  # every cell checks each of these, shown or not
ZHANG = {"n": "张三", "p": "13811112222"}
FAR_ROOM = "2-1-101"


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for row in TABLE.values())


def test_no_one_but_the_household_sees_how_it_voted_in_a_secret_decision():
    for role, row in TABLE.items():
        for column, cell in zip(COLUMNS, row.split(), strict=True):
            if column.startswith("S:") and "c" in cell:
                assert role in ("resident", "housemate") and column in ("S:page", "S:api")


@pytest.fixture
def world(make_decision, people, tree, other_tree):
    from datetime import timedelta

    from django.utils import timezone

    b1, b2 = tree.buildings
    secret = make_decision(title="秘密表决", options=("甲方案", "乙方案"))
    open_ = make_decision(title="公开表决", options=("丙方案", "丁方案"), open_ballot=True)
    closed = make_decision(title="已结束表决", options=("戊方案", "己方案"))
    personal = make_decision(
        title="每人一票", options=("辛方案", "壬方案"), unit=Decision.Unit.RESIDENT
    )
    receipts = {}
    for d in (secret, open_, closed, personal):
        first, second = list(d.options.order_by("position"))
        receipts[d.pk] = actions.ballot_cast(
            decision=d, actor=people["resident"], option_ids=[first.pk]
        ).receipt
        actions.ballot_cast(decision=d, actor=people["far_resident"], option_ids=[second.pk])
        d.first = first
    set_phase(closed, "closed")
    actions.decision_publish(decision=closed, actor=people["secretary"])
    actions.ownership_set(
        household=b1.homes[0], actor=people["secretary"], owner_key="张三-证件", owner_name="张三"
    )
    li = make_person("li_si", other_tree.buildings[0].homes[1])
    far = actions.decision_create(
        neighborhood=other_tree.neighborhood,
        actor=people["other_staff"],
        title="别的小区表决",
        voting_opens_at=timezone.now() + timedelta(days=1),
        voting_closes_at=timezone.now() + timedelta(days=2),
        options=["庚方案"],
    )
    set_phase(far, "voting")
    far.first = far.options.get()
    actions.ballot_cast(decision=far, actor=li, option_ids=[far.first.pk])
    return {
        "S": secret,
        "O": open_,
        "R": closed,
        "P": personal,
        "X": far,
        "receipt": receipts[secret.pk],
        "b1": b1,
        "b2": b2,
    }


def _ok(response):
    return response.status_code == 200 and "/accounts/login" not in response.get("Location", "")


def _fields(text, room):
    return {k for k, v in ZHANG.items() if v in text} | ({"r"} if room in text else set())


def _page(client, d):
    r = client.get(d.get_absolute_url())
    assert r.status_code in (200, 302, 403, 404), r.status_code
    if not _ok(r):
        return None
    body = r.content.decode()
    ticked = re.search(rf'value="{d.first.pk}"\s+checked', body) is not None
    return _fields(body, "1-1-101") | ({"c"} if ticked else set()) | {"o"}


def _api_ballot(client, d):
    r = client.get(f"/api/v1/decisions/{d.pk}/ballot")
    assert r.status_code in (200, 204, 401, 403, 404), r.status_code
    if r.status_code not in (200, 204):
        return None
    if r.status_code == 204:
        return {"o"}
    data = r.json()
    return _fields(json.dumps(data, ensure_ascii=False), "1-1-101") | (
        {"c"} if d.first.pk in data["options"] else {"o"}
    )


def _participation_row(client, d, building, room):
    url = reverse("decide:decision-participation", args=[d.pk]) + f"?building={building.pk}"
    r = client.get(url)
    assert r.status_code in (200, 302, 403, 404), r.status_code
    if not _ok(r):
        return None
    body = r.content.decode()
    found = re.search(rf'<th scope="row">{room}</th>(.*?)</tr>', body, re.S)
    if not found:
        return None
    row = found.group(1)
    titles = [o.title for o in d.options.all()]
    shown = {"r"} | _fields(row, room)
    if 'badge ok"' in row:
        shown.add("v")
    if any(f"<td>{t}" in row for t in titles):
        shown.add("c")
    return shown


def _api_participation(client, d):
    r = client.get(f"/api/v1/decisions/{d.pk}/participation")
    assert r.status_code in (200, 401, 403, 404), r.status_code
    if r.status_code != 200 or not r.json():
        return None
    text = json.dumps(r.json(), ensure_ascii=False)
    assert not _fields(text, "1-1-101") and "张三" not in text
    return {row["building"] for row in r.json()}


def _receipt(client, d, code):
    api = client.post(
        f"/api/v1/decisions/{d.pk}/receipt", {"code": code}, content_type="application/json"
    )
    assert api.status_code in (200, 401, 403, 404), api.status_code
    page = client.post(
        reverse("decide:receipt-check", args=[d.pk]), {"code": code}, follow=True
    ).content.decode()
    if api.status_code != 200:
        return None
    text = json.dumps(api.json(), ensure_ascii=False)
    assert api.json()["status"] == "counted"
    titles = [o.title for o in d.options.all()]
    assert not any(t in text for t in titles)
    shown = _fields(text, "1-1-101") | {"v"}
    assert "is in the count" in page or "已计入" in page or "计入" in page, page[-2000:]
    return shown


def _results(client, d):
    page = client.get(reverse("decide:decision-results", args=[d.pk]))
    api = client.get(f"/api/v1/decisions/{d.pk}/results")
    assert page.status_code in (200, 302, 403, 404), page.status_code
    assert api.status_code in (200, 401, 403, 404), api.status_code
    assert _ok(page) == (api.status_code == 200), (page.status_code, api.status_code)
    if api.status_code != 200:
        return None
    both = page.content.decode() + json.dumps(api.json(), ensure_ascii=False)
    return _fields(both, "1-1-101") | {"o"}


def _notice(client, d):
    body = _get_page(client, reverse("decide:decision-notice", args=[d.pk]))
    return None if body is None else _fields(body, "1-1-101") | {"o"}


def _get_page(client, url):
    r = client.get(url)
    assert r.status_code in (200, 302, 403, 404), (url, r.status_code)
    return r.content.decode() if _ok(r) else None


def _owners(client, neighborhood, building):
    url = reverse("decide:ownership-list", args=[neighborhood.slug]) + f"?building={building.pk}"
    body = _get_page(client, url)
    if body is None:
        return None
    found = re.search(r'<th scope="row">[^<]* 1-1-101<br>(.*?)</tr>', body, re.S)
    return None if not found else {"r"} | _fields(found.group(1), "1-1-101")


def _owner_set(client, neighborhood, household):
    from linli.decide.models import Ownership

    url = reverse("decide:ownership-list", args=[neighborhood.slug])
    r = client.post(
        url, {"household": household.pk, "owner_key": "王五-证件", "owner_name": "王五"}
    )
    assert r.status_code in (302, 403, 404), r.status_code
    return {"y"} if Ownership.objects.filter(household=household).exists() else None


def _vote(client, d):
    r = client.post(
        f"/api/v1/decisions/{d.pk}/ballot",
        {"options": [d.first.pk]},
        content_type="application/json",
    )
    assert r.status_code in (201, 401, 403, 404), (r.status_code, r.content)
    return {"y"} if r.status_code == 201 else None


def _paper(client, d, household, channel="paper"):
    """The page's paper/proxy form, then the API for paper: both must agree."""
    before = Ballot.objects.filter(decision=d, household=household).count()
    data = {"household": household.pk, "channel": channel, "option": d.first.pk}
    files = {}
    if channel == "proxy":
        from django.core.files.uploadedfile import SimpleUploadedFile

        data["proxy_holder"] = "王五"
        files["proxy_form"] = SimpleUploadedFile("proxy.pdf", b"%PDF-1.4 proxy", "application/pdf")
    r = client.post(reverse("decide:ballot-enter", args=[d.pk]), {**data, **files})
    assert r.status_code in (302, 403, 404), r.status_code
    done = Ballot.objects.filter(decision=d, household=household).count() > before
    if channel == "paper" and not done:
        api = client.post(
            f"/api/v1/decisions/{d.pk}/ballot",
            {"options": [d.first.pk], "household": household.pk, "channel": "paper"},
            content_type="application/json",
        )
        assert api.status_code in (401, 403, 404), (api.status_code, api.content)
    return {"y"} if done else None


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, world, record_property):
    c = client if role == "anonymous" else login(people[role])
    S, O, R, X, b1, b2 = (world[k] for k in ("S", "O", "R", "X", "b1", "b2"))  # noqa: E741
    got = {
        "S:page": _page(c, S),
        "O:page": _page(c, O),
        "S:api": _api_ballot(c, S),
        "O:api": _api_ballot(c, O),
        "S:b1": _participation_row(c, S, b1, "1-1-101"),
        "O:b1": _participation_row(c, O, b1, "1-1-101"),
        "S:b2": _participation_row(c, S, b2, FAR_ROOM),
        "O:b2": _participation_row(c, O, b2, FAR_ROOM),
        "S:part": _api_participation(c, S),
        "S:rcpt": _receipt(c, S, world["receipt"]),
        "R:res": _results(c, R),
        "R:note": _notice(c, R),
        "X:page": _page(c, X),
        "own": _owners(c, S.neighborhood, b1),
    }
    # Acts last: they change what the reads above see.
    got["P:page"] = _page(c, world["P"])
    got["P:api"] = _api_ballot(c, world["P"])
    got["S:pp1"] = _paper(c, S, b1.homes[2])
    got["S:pp2"] = _paper(c, S, b2.homes[2])
    got["O:proxy"] = _paper(c, O, b1.homes[2], channel="proxy")
    got["S:vote"] = _vote(c, S)
    got["own:set"] = _owner_set(c, S.neighborhood, b2.homes[3])
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
