"""The office's permission table: every role of the root conftest, every kind of request,
every output that shows a request (list page, request page, API list, API detail), and
which of the reporter's personal fields (real name, phone, room) each role gets there.

The pages and the API are rendered for real; has_perm alone proves nothing about a template.

Requests in `nb` are all sent by `resident` (张三, 13811112222, room 1-1-101, building 1),
one per party × public/private × phone shared or not; two more are sent in the other
neighborhood by 李四 (13955556666, room 1-1-301). Columns:

    rc / pm / oc   residents' committee (noise), property manager (lift), owners' committee (fund)
    + / -          public / private
    s / n          the reporter shared the phone with the party handling it, or not
    x              the other neighborhood (residents' committee, phone shared)

Cells: `-` the request is not there (absent from lists, 403/404 on its page and in the API);
`b` it is there with the building only; `r` + room; `p` + phone; `n` + real name.
"""

import json

import pytest
from django.urls import reverse

from linli.community.testing import make_person
from linli.office import actions
from linli.office.models import Category, Party

COLUMNS = [
    "rc+s",
    "rc+n",
    "rc-s",
    "rc-n",
    "pm+s",
    "pm+n",
    "pm-s",
    "pm-n",
    "oc+s",
    "oc+n",
    "oc-s",
    "oc-n",
    "x+s",
    "x-s",
]

# role: (scope of the `nb` requests to this role, one cell per column)
# fmt: off
TABLE = {
    "secretary":    ("committee staff",    "nrp nrp nrp nrp  nrp nrp nrp nrp  nrp nrp nrp nrp  b -"),
    "staff":        ("committee staff",    "nrp nrp nrp nrp  nrp nrp nrp nrp  nrp nrp nrp nrp  b -"),
    "leader":       ("own building",       "b   b   -   -    b   b   -   -    b   b   -   -    b -"),
    "owners":       ("other building",     "b   b   -   -    b   b   -   -    rp  r   rp  r    b -"),
    "property":     ("no household",       "b   b   -   -    rp  r   rp  r    b   b   -   -    b -"),
    "resident":     ("own (reporter)",     "nrp nrp nrp nrp  nrp nrp nrp nrp  nrp nrp nrp nrp  b -"),
    "housemate":    ("own household",      "b   b   -   -    b   b   -   -    b   b   -   -    b -"),
    "neighbour":    ("own building",       "b   b   -   -    b   b   -   -    b   b   -   -    b -"),
    "far_resident": ("other building",     "b   b   -   -    b   b   -   -    b   b   -   -    b -"),
    "street_staff": ("street",             "b   b   -   -    b   b   -   -    b   b   -   -    b -"),
    "other_staff":  ("other neighborhood", "b   b   -   -    b   b   -   -    b   b   -   -    nrp nrp"),
    "unverified":   ("no household",       "b   b   -   -    b   b   -   -    b   b   -   -    b -"),
    "anonymous":    ("signed out",         "b   b   -   -    b   b   -   -    b   b   -   -    b -"),
}
# fmt: on

FIELDS = {"n": "name", "p": "phone", "r": "room"}
NB = {"name": "张三", "phone": "13811112222", "room": "1-1-101"}
X = {"name": "李四", "phone": "13955556666", "room": "1-1-301"}
CATEGORY = {"rc": "noise", "pm": "lift", "oc": "fund"}
OUTPUTS = ("list page", "request page", "API list", "API detail", "CSV export")
# Who may download which neighborhood's list as CSV/Excel (the joint office its own, the
# street all of its own); elsewhere 403, or the sign-in page.
NB_EXPORT = {"secretary", "staff", "owners", "property", "street_staff"}
EXPORTERS = {role: {"nb"} for role in NB_EXPORT} | {
    "street_staff": {"nb", "other"},
    "other_staff": {"other"},
}
TEXTS = [
    "楼道里的灯坏了好几天，晚上看不清台阶",
    "楼上每天深夜拖动家具，影响孩子睡觉",
    "地下车库入口的积水一直没有排掉",
    "垃圾房门口的监控摄像头好像不工作了",
    "电梯运行时有异响，乘坐时很担心安全",
    "单元门禁经常失灵，外人可以随意进出",
    "电梯按钮面板松动，数字键按下去没反应",
    "消防通道被电动车堵住，存在隐患",
    "屋顶防水层破损，下雨天顶楼渗水严重",
    "外墙瓷砖有脱落，担心砸到楼下行人",
    "维修资金的使用明细希望能够公示一下",
    "小区绿化带的树木需要修剪，挡住了窗户",
    "对面楼的广场舞音乐声音太大，影响休息",
    "路灯坏了两个星期，晚上散步很不安全",
]


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


@pytest.fixture
def requests_by_column(tree, other_tree, categories, people):
    from datetime import timedelta

    from django.utils import timezone

    from linli.community.models import Resident

    # Long-standing residents, so that spam screening lets fourteen reports through.
    Resident.objects.update(date_joined=timezone.now() - timedelta(days=400))
    people["resident"].refresh_from_db(fields=["date_joined"])  # the screening reads this object
    made, texts = {}, iter(TEXTS)
    for column in COLUMNS[:-2]:
        party, public, share = column[:2], column[2] == "+", column[3] == "s"
        made[column] = actions.request_submit(
            reporter=people["resident"],
            neighborhood=tree.neighborhood,
            category=categories[CATEGORY[party]],
            description=f"{next(texts)}（{column}）",
            building=tree.buildings[0],
            public=public,
            share_phone=share,
        )
    far = other_tree.neighborhood
    noise = Category.objects.create(
        neighborhood=far, code="noise", name="噪音", party=Party.RESIDENTS_COMMITTEE
    )
    li = make_person(
        "other_resident", other_tree.buildings[0].homes[2], real_name=X["name"], phone=X["phone"]
    )
    for column in ("x+s", "x-s"):
        made[column] = actions.request_submit(
            reporter=li,
            neighborhood=far,
            category=noise,
            description=f"{next(texts)}（{column}）",
            building=other_tree.buildings[0],
            public=column[1] == "+",
            share_phone=True,
        )
    return made


def _shown(text, person):
    return {f for f, value in person.items() if value in text}


def _list_rows(body):
    """The rows of the request list page, by the request's address."""
    rows = body.split('<ul class="requests">', 1)[1].split("</ul>", 1)[0]
    return {
        row.split('href="', 1)[1].split('"', 1)[0]: row
        for row in rows.split("<li")
        if 'href="' in row
    }


def _csv_rows(client, slug):
    import csv
    import io

    response = client.get(reverse("office:request-export", args=[slug, "csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return {int(row[0]): ",".join(row) for row in rows[1:]}


def _outputs(client, item, exporter):
    """What each output shows of one request: None when it is not there, else its text."""
    slug = item.neighborhood.slug
    export = {}
    if exporter:
        export["CSV export"] = _csv_rows(client, slug).get(item.pk)
    else:
        url = reverse("office:request-export", args=[slug, "csv"])
        assert client.get(url).status_code in (302, 403)
    page = client.get(item.get_absolute_url())
    assert page.status_code in (200, 403, 404)
    api = client.get(f"/api/v1/requests/{item.pk}")
    assert api.status_code in (200, 403, 404)
    return {
        "request page": page.content.decode() if page.status_code == 200 else None,
        "API detail": json.dumps(api.json(), ensure_ascii=False)
        if api.status_code == 200
        else None,
        "list page": _list_rows(
            client.get(reverse("office:request-list", args=[slug])).content.decode()
        ).get(item.get_absolute_url()),
        "API list": {
            row["id"]: json.dumps(row, ensure_ascii=False)
            for row in client.get(f"/api/v1/requests/n/{slug}?page_size=100").json()["items"]
        }.get(item.pk),
        **export,
    }


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, requests_by_column, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row = TABLE[role]
    checked, wrong = 0, []
    may_export = EXPORTERS.get(role, set())
    for column, cell in zip(COLUMNS, row.split(), strict=True):
        item = requests_by_column[column]
        person = X if column.startswith("x") else NB
        expected = None if cell == "-" else {FIELDS[f] for f in cell if f in FIELDS}
        exporter = item.neighborhood.slug in may_export
        for output, text in _outputs(c, item, exporter).items():
            got = None if text is None else _shown(text, person)
            if text is not None:
                assert f"（{column}）" in text
            if got != expected:
                wrong.append(f"{role} {column} {output}: expected {expected}, got {got}")
            checked += 4  # present or not, name, phone, room
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
    exported = sum(requests_by_column[c].neighborhood.slug in may_export for c in COLUMNS)
    assert checked == (len(COLUMNS) * (len(OUTPUTS) - 1) + exported) * 4


def test_list_pages_cost_the_same_number_of_queries_for_every_role_however_many_rows(
    client, login, people, tree, categories, requests_by_column, django_assert_max_num_queries
):
    """Deciding per row what a viewer sees costs no query: the roles are loaded once."""
    import random
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from linli.office.demo import make_requests

    urls = [reverse("office:request-list", args=["nb"]), "/api/v1/requests/n/nb?page_size=50"]
    roles = ["secretary", "owners", "property", "resident", "street_staff", "anonymous"]

    def as_(role):
        if role == "anonymous":
            client.logout()
            return client
        return login(people[role])

    export = reverse("office:request-export", args=["nb", "xlsx"])

    def urls_of(role):
        return urls + [export] if role in NB_EXPORT else urls

    counts = {}
    for role in roles:
        for url in urls_of(role):
            with CaptureQueriesContext(connection) as ctx:
                assert as_(role).get(url).status_code == 200
            counts[(role, url)] = len(ctx)
    cats = list(categories.values())
    for c in cats:
        c.weight, c.texts = 1, ["{b}号楼的电梯又坏了"]
    homes = [h for b in tree.buildings for h in b.homes]
    reporters = [(people[w].pk, people[w].household_id) for w in ("neighbour", "far_resident")]
    reporters += [(None, h.pk) for h in homes]
    make_requests(
        tree.neighborhood,
        cats,
        reporters,
        tree.buildings,
        count=80,
        start=timezone.now() - timedelta(days=60),
        end=timezone.now(),
        rng=random.Random(7),
    )
    for role in roles:
        for url in urls_of(role):
            with django_assert_max_num_queries(counts[(role, url)], info=f"{role} {url}"):
                assert as_(role).get(url).status_code == 200


# Merging duplicates (office.merge_request): in nb, far_resident's public request D duplicates
# resident's public request S. Columns: `form` D's page offers the merge form; `page` merging D
# into S from the page; `api` the same through the API. `y` done (D then points to S), `-`
# refused (no form; 403, or the sign-in page) and nothing changed.
MERGE_COLUMNS = ["form", "page", "api"]
# fmt: off
MERGE_TABLE = {
    "secretary":    "y y y",
    "staff":        "y y y",
    "leader":       "- - -",
    "owners":       "- - -",
    "property":     "- - -",
    "resident":     "- - -",
    "housemate":    "- - -",
    "neighbour":    "- - -",
    "far_resident": "- - -",
    "street_staff": "- - -",
    "other_staff":  "- - -",
    "unverified":   "- - -",
    "anonymous":    "- - -",
}
# fmt: on


def test_the_merge_table_covers_every_role_of_the_root_conftest(people):
    assert set(MERGE_TABLE) == set(people)


@pytest.mark.parametrize("role", list(MERGE_TABLE))
@pytest.mark.parametrize("how", ["page", "api"])
def test_merge_permission_table(role, how, client, login, people, tree, categories):
    from datetime import timedelta

    from django.utils import timezone

    from linli.community.models import Resident
    from linli.office.models import Request

    Resident.objects.update(date_joined=timezone.now() - timedelta(days=400))
    survivor = actions.request_submit(
        reporter=people["resident"],
        neighborhood=tree.neighborhood,
        category=categories["lift"],
        description="7号楼电梯又停了，老人上下楼不方便。",
    )
    duplicate = actions.request_submit(
        reporter=people["far_resident"],
        neighborhood=tree.neighborhood,
        category=categories["lift"],
        description="电梯停了两天了，没有人来修。",
    )
    c = client if role == "anonymous" else login(people[role])
    cells = dict(zip(MERGE_COLUMNS, MERGE_TABLE[role].split(), strict=True))
    page = c.get(duplicate.get_absolute_url()).content.decode()
    offered = reverse("office:request-merge", args=[duplicate.pk]) in page
    if how == "page":
        response = c.post(
            reverse("office:request-merge", args=[duplicate.pk]), {"into": survivor.pk}
        )
        assert response.status_code in (302, 403), response.status_code
    else:
        response = c.post(
            f"/api/v1/requests/{duplicate.pk}/merge",
            json.dumps({"into": survivor.pk}),
            content_type="application/json",
        )
        assert response.status_code in (200, 401, 403), response.status_code
    merged = Request.objects.get(pk=duplicate.pk).merged_into_id == survivor.pk
    assert offered == (cells["form"] == "y"), (role, "form")
    assert merged == (cells[how] == "y"), (role, how)
