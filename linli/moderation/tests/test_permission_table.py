"""Moderation's permission table: every role of the root conftest, every case in the queue and
the word lists, through the real pages and API, and which personal fields each output shows.

Posts in `nb` are 张三's (`resident`: 13811112222, room 1-1-101), reported by 王五
(`neighbour`); one more in the other neighborhood is 李四's (13955556666, room 1-1-301),
reported by 赵六. Columns:

    rep    a reported topic, open            held   a topic the spam check held, open
    dec    a reported topic the committee hid (its author may appeal)
    x      a reported topic in the other neighborhood
    words  the neighborhood's word lists

Outputs: for a case, the queue page and the API queue (filtered by the case's status) and the
appeal page; for the word lists, their page and the API.
Cells: `q` in the queue (page and API); `a` its appeal page opens; `w` the word lists open;
`-` none of them (absent from the queue, 403 on the page and in the API).

Wherever a case is shown: never the author's real name, phone or room (the public name only),
and never who reported it (reporters are not revealed, least of all to the reported).
"""

import json

import pytest
from django.urls import reverse

from linli.community.testing import make_person
from linli.forum import actions as forum
from linli.moderation import actions
from linli.moderation.models import Case, Word

COLUMNS = ["rep", "held", "dec", "x", "words"]
# fmt: off
TABLE = {
    "secretary":    ("moderator",           "q q q - w"),
    "staff":        ("moderator",           "q q q - w"),
    "leader":       ("own building",        "- - - - -"),
    "owners":       ("other building",      "- - - - -"),
    "property":     ("no household",        "- - - - -"),
    "resident":     ("author",              "- - a - -"),
    "housemate":    ("own household",       "- - - - -"),
    "neighbour":    ("reporter",            "- - - - -"),
    "far_resident": ("other building",      "- - - - -"),
    "street_staff": ("street",              "- - - - -"),
    "other_staff":  ("other neighborhood",  "- - - q -"),
    "unverified":   ("no household",        "- - - - -"),
    "anonymous":    ("signed out",          "- - - - -"),
}
# fmt: on
AUTHOR = {"real name": "张三", "phone": "13811112222", "room": "1-1-101"}
X_AUTHOR = {"real name": "李四", "phone": "13955556666", "room": "1-1-301"}
REPORTER = {
    "reporter's real name": "王五",
    "reporter's name": "Wangwu",
    "report note": "他家一直这样",
}
X_REPORTER = {"reporter's real name": "赵六", "reporter's name": "Zhaoliu"}


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


def _case(target):
    from django.contrib.contenttypes.models import ContentType

    return Case.objects.get(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )


@pytest.fixture
def cases(tree, other_tree, people):
    from datetime import timedelta

    from django.utils import timezone

    from linli.community.models import Resident

    old = timezone.now() - timedelta(days=400)
    Resident.objects.update(date_joined=old)
    neighbour = people["neighbour"]
    Resident.objects.filter(pk=neighbour.pk).update(real_name="王五", display_name="Wangwu")
    neighbour.refresh_from_db()
    resident = people["resident"]
    nb = tree.neighborhood
    made = {}
    for column, title in (("rep", "楼下的狗每天夜里叫"), ("dec", "三楼的空调外机滴水")):
        topic = forum.topic_create(
            author=resident,
            neighborhood=nb,
            title=f"{title}（{column}）",
            body=f"{title}，谁家的？",
        )
        actions.report_create(reporter=neighbour, target=topic, reason="abuse", note="他家一直这样")
        made[column] = _case(topic)
    actions.case_hide(case=made["dec"], actor=people["staff"], note="请文明发言")
    made["dec"].refresh_from_db()
    Resident.objects.filter(pk=resident.pk).update(date_joined=timezone.now())
    held = forum.topic_create(
        author=Resident.objects.get(pk=resident.pk),
        neighborhood=nb,
        title="出闲置（held）",
        body="出闲置，有意加微信 ab12",
    )
    assert held.held
    made["held"] = _case(held)
    Resident.objects.filter(pk=resident.pk).update(date_joined=old)
    homes = other_tree.buildings[0].homes
    li = make_person("li", homes[2], real_name="李四", phone="13955556666")
    zhao = make_person("zhaoliu", homes[1], real_name="赵六")
    Resident.objects.filter(pk__in=[li.pk, zhao.pk]).update(date_joined=old)
    far = forum.topic_create(
        author=Resident.objects.get(pk=li.pk),
        neighborhood=other_tree.neighborhood,
        title="隔壁小区的广告牌（x）",
        body="广告牌挡住了窗户。",
    )
    actions.report_create(reporter=Resident.objects.get(pk=zhao.pk), target=far, reason="abuse")
    made["x"] = _case(far)
    Word.objects.create(neighborhood=nb, word="博彩", kind=Word.Kind.BLOCK)
    return made


def _queue(client, case):
    slug = case.neighborhood.slug
    page = client.get(reverse("moderation:case-queue", args=[slug]), {"status": case.status})
    assert page.status_code in (200, 302, 403), page.status_code
    api = client.get(f"/api/v1/moderation/n/{slug}/cases", {"status": case.status})
    assert api.status_code in (200, 401, 403), api.status_code
    row = None
    if page.status_code == 200:
        body = page.content.decode()
        marker = f'id="case-{case.pk}"'
        if marker in body:
            row = body.split(marker, 1)[1].split("</article>", 1)[0]
    return {
        "queue page": row,
        "API queue": {r["id"]: json.dumps(r, ensure_ascii=False) for r in api.json()["items"]}.get(
            case.pk
        )
        if api.status_code == 200
        else None,
    }


def _appeal(client, case):
    page = client.get(reverse("moderation:case-appeal", args=[case.pk]))
    assert page.status_code in (200, 302, 403), page.status_code
    return {"appeal page": page.content.decode() if page.status_code == 200 else None}


def _words(client):
    page = client.get(reverse("moderation:word-list", args=["nb"]))
    assert page.status_code in (200, 302, 403), page.status_code
    api = client.get("/api/v1/moderation/n/nb/words")
    assert api.status_code in (200, 401, 403), api.status_code
    return {
        "word page": page.content.decode() if page.status_code == 200 else None,
        "API words": json.dumps(api.json(), ensure_ascii=False) if api.status_code == 200 else None,
    }


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, cases, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row = TABLE[role]
    checked, wrong = 0, []
    for column, cell in zip(COLUMNS, row.split(), strict=True):
        if column == "words":
            outputs = {name: ("w", text) for name, text in _words(c).items()}
            secrets = {}
        else:
            case = cases[column]
            outputs = {name: ("q", text) for name, text in _queue(c, case).items()}
            outputs |= {name: ("a", text) for name, text in _appeal(c, case).items()}
            secrets = (X_AUTHOR | X_REPORTER) if column == "x" else (AUTHOR | REPORTER)
            if column == "held":
                secrets = AUTHOR
        for output, (letter, text) in outputs.items():
            there = letter in cell
            if (text is not None) != there:
                wrong.append(f"{role} {column} {output}: expected there={there}")
            if text is not None:
                if letter != "w":
                    assert f"（{column}）" in text
                else:
                    assert "博彩" in text
                shown = {f for f, value in secrets.items() if value in text}
                if shown:
                    wrong.append(f"{role} {column} {output}: shows {shown}")
            checked += 1 + len(secrets)
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
