"""The meetings' permission table: every role of the root conftest, on real pages and the API.

    page      an nb meeting under way, its minutes still a draft: `.` shown; `m` + the draft
              minutes; `a` + the names on the paper sign-in sheet
    pub       an nb meeting with published minutes (same marks)
    x         the other neighborhood's meeting, under way, draft minutes (same marks)
    new       the page to call an nb meeting (200, else 302/403)
    signin    sign oneself in at the nb meeting under way (web form, then the database)
    agenda    add an agenda item (API)
    sheet     record a paper sign-in sheet (web form)
    minute    add a minutes point (API)
    publish   publish the draft minutes (web form)

Write cells: `y` done, `-` refused and nothing changed.
"""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from linli.meetings import actions
from linli.meetings.models import AgendaItem, Attendance, Meeting, MinutePoint

COLUMNS = ["page", "pub", "x", "new", "signin", "agenda", "sheet", "minute", "publish"]

# fmt: off
TABLE = {
    "secretary":    ("committee staff",    "ma  ma  .   y  y  y  y  y  y"),
    "staff":        ("committee staff",    "ma  ma  .   y  y  y  y  y  y"),
    "leader":       ("own building",       ".   m   .   -  y  -  -  -  -"),
    "owners":       ("joint office",       ".   m   .   -  y  -  -  -  -"),
    "property":     ("joint office",       ".   m   .   -  y  -  -  -  -"),
    "resident":     ("resident",           ".   m   .   -  y  -  -  -  -"),
    "housemate":    ("resident",           ".   m   .   -  y  -  -  -  -"),
    "neighbour":    ("resident",           ".   m   .   -  y  -  -  -  -"),
    "far_resident": ("resident",           ".   m   .   -  y  -  -  -  -"),
    "street_staff": ("street",             ".   m   .   -  -  -  -  -  -"),
    "other_staff":  ("other neighborhood", ".   m   ma  -  -  -  -  -  -"),
    "unverified":   ("no household",       ".   m   .   -  -  -  -  -  -"),
    "anonymous":    ("signed out",         ".   m   .   -  -  -  -  -  -"),
}
# fmt: on

DRAFT, PUBLISHED, SIGNER = "草稿要点：楼道堆物", "公开要点：车棚改造", "王阿姨"


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


def _meeting(nb, actor, hours_from_now, title):
    start = timezone.now() + timedelta(hours=hours_from_now)
    return actions.meeting_create(
        neighborhood=nb,
        actor=actor,
        kind="council",
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="会客厅",
    )


@pytest.fixture
def made(people, tree, other_tree):
    staff = people["staff"]
    now_m = _meeting(tree.neighborhood, staff, -0.5, "议事会（进行中）")
    actions.minute_add(meeting=now_m, actor=staff, text=DRAFT)
    actions.attendance_paper(meeting=now_m, actor=staff, sheet=f"{SIGNER}，1号楼")
    pub = _meeting(tree.neighborhood, staff, -48, "议事会（已公布）")
    actions.minute_add(meeting=pub, actor=staff, text=PUBLISHED)
    actions.attendance_paper(meeting=pub, actor=staff, sheet=f"{SIGNER}，1号楼")
    actions.minutes_publish(meeting=pub, actor=staff)
    x = _meeting(other_tree.neighborhood, people["other_staff"], -0.5, "远方议事会")
    actions.minute_add(meeting=x, actor=people["other_staff"], text=DRAFT)
    actions.attendance_paper(meeting=x, actor=people["other_staff"], sheet=f"{SIGNER}，1号楼")
    return {"page": now_m, "pub": pub, "x": x}


def _read(client, meeting):
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    marks = ("m" if (DRAFT in body or PUBLISHED in body) else "") + ("a" if SIGNER in body else "")
    return marks or "."


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, people, made, client, tree):
    person = people[role]
    if role != "anonymous":
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    expected = dict(zip(COLUMNS, TABLE[role][1].split(), strict=True))
    m = made["page"]
    got = {key: _read(client, made[key]) for key in ("page", "pub", "x")}
    status = client.get(f"/meetings/n/{tree.neighborhood.slug}/new/").status_code
    assert status in (200, 302, 403)
    got["new"] = "y" if status == 200 else "-"
    client.post(f"/meetings/{m.pk}/sign-in/")
    signed = Attendance.objects.filter(meeting=m, person__isnull=False)
    got["signin"] = "y" if signed.filter(person=person.pk).exists() else "-"
    assert signed.count() == (got["signin"] == "y")
    r = client.post(
        f"/api/v1/meetings/{m.pk}/agenda",
        json.dumps({"title": "楼道堆物清理"}),
        content_type="application/json",
    )
    got["agenda"] = "y" if r.status_code == 201 else "-"
    assert AgendaItem.objects.filter(meeting=m).count() == (r.status_code == 201)
    client.post(f"/meetings/{m.pk}/attendance/", {"sheet": "赵大爷，2号楼"})
    got["sheet"] = "y" if Attendance.objects.filter(meeting=m, name="赵大爷").exists() else "-"
    r = client.post(
        f"/api/v1/meetings/{m.pk}/minutes",
        json.dumps({"text": "物业下周清理"}),
        content_type="application/json",
    )
    got["minute"] = "y" if r.status_code == 201 else "-"
    assert MinutePoint.objects.filter(meeting=m).count() == 1 + (r.status_code == 201)
    client.post(f"/meetings/{m.pk}/minutes/publish/")
    got["publish"] = "y" if Meeting.objects.get(pk=m.pk).minutes_published_at else "-"
    assert got == expected
