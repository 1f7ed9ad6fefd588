"""Notifications' permission table: every role of the root conftest, notifications of three
people, preferences and email settings, through the real pages and API.

Notifications come from a real decision of the committee (each author's reported topic is
hidden): to 张三 (`resident`), to the `housemate` (same household), and to 李四 in the other
neighborhood. 王五 (`neighbour`) reported them; the notice never names him. 张三's email
address is zhangsan@example.com.

Columns: own / mate / x (one notification each: outputs the list page, the API list and
opening it), prefs (preferences page and API), email (email settings page and API).
Cells: `n` the notification is there (listed, and it opens); `o` the page and API open, with
the viewer's own settings only; `e` they open and show 张三's address; `-` not there (absent
from the lists, 403/404 on opening it, the sign-in page or 401 when signed out).
"""

import json

import pytest
from django.urls import reverse

from linli.community.models import Resident
from linli.community.testing import make_person
from linli.forum import actions as forum
from linli.moderation import actions as moderation
from linli.notify.models import Notification

COLUMNS = ["own", "mate", "x", "prefs", "email"]
# fmt: off
TABLE = {
    "secretary":    ("committee staff",     "- - - o o"),
    "staff":        ("committee staff",     "- - - o o"),
    "leader":       ("own building",        "- - - o o"),
    "owners":       ("other building",      "- - - o o"),
    "property":     ("no household",        "- - - o o"),
    "resident":     ("recipient",           "n - - o e"),
    "housemate":    ("own household",       "- n - o o"),
    "neighbour":    ("the reporter",        "- - - o o"),
    "far_resident": ("other building",      "- - - o o"),
    "street_staff": ("street",              "- - - o o"),
    "other_staff":  ("other neighborhood",  "- - - o o"),
    "unverified":   ("no household",        "- - - o o"),
    "anonymous":    ("signed out",          "- - - - -"),
}
# fmt: on
EMAIL = "zhangsan@example.com"
REPORTER = {"reporter's real name": "王五", "reporter's name": "Wangwu", "note": "他家一直这样"}


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


@pytest.fixture
def notices(tree, other_tree, people):
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from linli.moderation.models import Case

    li = make_person("li", other_tree.buildings[0].homes[2], real_name="李四")
    Resident.objects.update(date_joined=timezone.now() - timedelta(days=400))
    Resident.objects.filter(pk=people["neighbour"].pk).update(
        real_name="王五", display_name="Wangwu"
    )
    Resident.objects.filter(pk=people["resident"].pk).update(email=EMAIL)
    zhao = make_person("zhaoliu", other_tree.buildings[0].homes[1])
    Resident.objects.filter(pk=zhao.pk).update(date_joined=timezone.now() - timedelta(days=400))
    made = {}
    for column, author, neighborhood, reporter, staff in (
        ("own", people["resident"], tree.neighborhood, people["neighbour"], "staff"),
        ("mate", people["housemate"], tree.neighborhood, people["neighbour"], "staff"),
        ("x", li, other_tree.neighborhood, zhao, "other_staff"),
    ):
        author, reporter = (Resident.objects.get(pk=p.pk) for p in (author, reporter))
        topic = forum.topic_create(
            author=author,
            neighborhood=neighborhood,
            title=f"楼道里堆放杂物（{column}）",
            body=f"楼道里堆放的杂物挡住了路（{column}），请大家收拾一下。",
        )
        moderation.report_create(
            reporter=reporter, target=topic, reason="abuse", note="他家一直这样"
        )
        case = Case.objects.get(
            content_type=ContentType.objects.get_for_model(topic), object_id=topic.pk
        )
        moderation.case_hide(case=case, actor=people[staff], note="请文明发言")
        made[column] = Notification.objects.get(recipient=author, kind="moderation.hidden")
    return made


def _notification(client, notice, column):
    page = client.get(reverse("notify:notification-list"))
    assert page.status_code in (200, 302), page.status_code
    body = page.content.decode() if page.status_code == 200 else ""
    rows = [r for r in body.split("<li")[1:] if f"（{column}）" in r]
    api = client.get("/api/v1/notifications")
    assert api.status_code in (200, 401), api.status_code
    items = api.json()["items"] if api.status_code == 200 else []
    opened = client.post(reverse("notify:notification-open", args=[notice.pk]))
    assert opened.status_code in (302, 403, 404), opened.status_code
    went_on = opened.status_code == 302 and "/login" not in opened["Location"]
    return {
        "list page": rows[0] if rows else None,
        "API list": {r["id"]: json.dumps(r, ensure_ascii=False) for r in items}.get(notice.pk),
        "open": f"（{column}） {opened['Location']}" if went_on else None,
    }


def _settings(client, page_url, api_url):
    page = client.get(page_url)
    assert page.status_code in (200, 302), page.status_code
    api = client.get(api_url)
    assert api.status_code in (200, 401), api.status_code
    signed_in = page.status_code == 200 and "/login" not in page.get("Location", "")
    return {
        "page": page.content.decode() if signed_in else None,
        "API": json.dumps(api.json(), ensure_ascii=False) if api.status_code == 200 else None,
    }


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, notices, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row = TABLE[role]
    checked, wrong = 0, []
    for column, cell in zip(COLUMNS, row.split(), strict=True):
        if column in notices:
            outputs = _notification(c, notices[column], column)
            if cell == "n":
                # the recipient never learns who reported the post
                for output, text in outputs.items():
                    shown = {f for f, v in REPORTER.items() if v in (text or "")}
                    if shown:
                        wrong.append(f"{role} {column} {output}: shows {shown}")
                    checked += len(REPORTER)
        elif column == "prefs":
            outputs = _settings(
                c, reverse("notify:preferences"), "/api/v1/notifications/preferences"
            )
        else:
            outputs = _settings(c, reverse("notify:email"), "/api/v1/notifications/email")
            for output, text in outputs.items():
                if text is not None and (EMAIL in text) != (cell == "e"):
                    wrong.append(f"{role} email {output}: address shown={EMAIL in text}")
                checked += 1
        for output, text in outputs.items():
            if (text is not None) != (cell != "-"):
                wrong.append(f"{role} {column} {output}: expected there={cell != '-'}")
            checked += 1
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
