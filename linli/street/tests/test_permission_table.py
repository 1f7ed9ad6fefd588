"""The street office's permission table: every role of the root conftest through the real
pages and API.

Street S holds `nb` and `other`. In nb, 张三 (`resident`) sent a public request (R) and one
that the committee escalated (E); in `other`, one request was escalated too (X). Columns:

    ov      S's overview of its neighborhoods (page)        api-ov  the same in the API
    nbf     nb's figures under S (page)
    list    S's escalated requests (page)
    esc     E's page                                         api-esc E in the API
    esc-x   X's page
    mine    nb's page of its escalations (staff pages)
    button  R's page offers "Escalate to the street"
    raise   escalating R (POST; it is escalated afterwards)
    route   routing E to a department (POST; it is routed afterwards)
    dept    S's departments page (GET, and a POST that adds one)

Cells: `y` allowed (the page opens, the write is done); `-` refused (403, 404 or the
sign-in page) and nothing changed. Escalated requests never show the reporter's real name
or phone in these outputs.
"""

import pytest
from django.urls import reverse

from linli.community.testing import make_person
from linli.office import actions as office
from linli.office.models import Category, Party
from linli.street import actions
from linli.street.models import Department, Escalation

COLUMNS = [
    "ov",
    "api-ov",
    "nbf",
    "list",
    "esc",
    "api-esc",
    "esc-x",
    "mine",
    "button",
    "raise",
    "route",
    "dept",
]
# fmt: off
TABLE = {
    "secretary":    ("committee of nb",     "- - - - y y - y y y - -"),
    "staff":        ("committee of nb",     "- - - - y y - y y y - -"),
    "leader":       ("own building",        "- - - - - - - - - - - -"),
    "owners":       ("other building",      "- - - - - - - - - - - -"),
    "property":     ("no household",        "- - - - - - - - - - - -"),
    "resident":     ("the reporter",        "- - - - - - - - - - - -"),
    "housemate":    ("own household",       "- - - - - - - - - - - -"),
    "neighbour":    ("own building",        "- - - - - - - - - - - -"),
    "far_resident": ("other building",      "- - - - - - - - - - - -"),
    "street_staff": ("street S",            "y y y y y y y y - - y y"),
    "other_staff":  ("committee of other",  "- - - - - - y - - - - -"),
    "unverified":   ("no household",        "- - - - - - - - - - - -"),
    "anonymous":    ("signed out",          "- - - - - - - - - - - -"),
}
# fmt: on
PERSONAL = ("张三", "13811112222")


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


@pytest.fixture
def world(submit, people, other_tree, departments):
    people["resident"].real_name, people["resident"].phone = PERSONAL
    people["resident"].save()
    r = submit(description="地下车库入口积水，一直没有人来处理。")
    e_request = submit(description="地下车库顶板漏水，修了三次还在漏。")
    e = actions.escalation_create(
        request=e_request, actor=people["staff"], reason="涉及房屋结构，需要房管办鉴定。"
    )
    far = other_tree.neighborhood
    noise = Category.objects.create(
        neighborhood=far, code="noise", name="噪音", party=Party.RESIDENTS_COMMITTEE
    )
    li = make_person("other_resident", other_tree.buildings[0].homes[2])
    x_request = office.request_submit(
        reporter=li, neighborhood=far, category=noise, description="广场舞音乐太响，影响休息。"
    )
    x = actions.escalation_create(
        request=x_request, actor=people["other_staff"], reason="需要城管执法中队处理。"
    )
    return {"r": r, "e": e, "x": x}


def _ok(response):
    return response.status_code == 200


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, tree, world, departments, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row = TABLE[role]
    cells = dict(zip(COLUMNS, row.split(), strict=True))
    s, e, x, r = tree.street.pk, world["e"], world["x"], world["r"]
    got, texts = {}, []
    pages = {
        "ov": reverse("street:overview", args=[s]),
        "api-ov": f"/api/v1/street/s/{s}/neighborhoods",
        "nbf": reverse("street:neighborhood", args=[s, "nb"]),
        "list": reverse("street:escalation-list", args=[s]),
        "esc": reverse("street:escalation-detail", args=[e.pk]),
        "api-esc": f"/api/v1/street/escalations/{e.pk}",
        "esc-x": reverse("street:escalation-detail", args=[x.pk]),
        "mine": reverse("street:escalation-mine", args=["nb"]),
    }
    for column, url in pages.items():
        response = c.get(url)
        assert response.status_code in (200, 302, 401, 403, 404), (column, response.status_code)
        got[column] = _ok(response)
        if got[column]:
            texts.append((column, response.content.decode()))
    detail = c.get(r.get_absolute_url())
    assert detail.status_code == 200
    got["button"] = reverse("street:escalation-create", args=[r.pk]) in detail.content.decode()
    raised = c.post(
        reverse("street:escalation-create", args=[r.pk]),
        {"reason": "居民区无法单独解决，请街道协调。"},
    )
    assert raised.status_code in (302, 403), raised.status_code
    got["raise"] = Escalation.objects.filter(request=r).exists()
    routed = c.post(
        reverse("street:escalation-route", args=[e.pk]),
        {"department": departments["housing"].pk, "note": ""},
    )
    assert routed.status_code in (302, 403), routed.status_code
    got["route"] = Escalation.objects.get(pk=e.pk).status == "routed"
    page = c.get(reverse("street:department-list", args=[s]))
    saved = c.post(
        reverse("street:department-list", args=[s]),
        {"name": f"{role}部", "name_en": "", "contact": "", "resolve_hours": 72, "active": "on"},
    )
    assert saved.status_code in (200, 302, 403), saved.status_code
    added = Department.objects.filter(name=f"{role}部").exists()
    got["dept"] = _ok(page) and added
    assert _ok(page) == added, (role, "the page and the write disagree")
    wrong = [
        f"{role} {column}: {'allowed' if got[column] else 'refused'}, table says {cells[column]}"
        for column in COLUMNS
        if got[column] != (cells[column] == "y")
    ]
    for column, text in texts:
        shown = [v for v in PERSONAL if v in text]
        if shown:
            wrong.append(f"{role} {column}: shows {shown}")
    record_property("cells", len(COLUMNS) + len(texts) * len(PERSONAL))
    assert not wrong, "\n".join(wrong)
