"""The activities' permission table: every role of the root conftest, every kind of activity a
role may meet (registered, waiting list, check-in under way, past with photos, another
neighborhood's), and what each role gets of the participant's personal fields (real name,
phone, room), of the check-in code of the day and of the photos, on each page and each API
response. Pages and the API are fetched for real.

The participant in `nb` is `resident` (张三, 13811112222, room 1-1-101, building 1); in the
other neighborhood 李四 (13955556666, room 1-1-301). Columns:

    reg       a coming nb activity 张三 registered for
    wait      a full nb activity, 张三 on its waiting list
    door      an nb activity under way, 张三 checked in by the organisers
    photos    a past nb activity 张三 came to, with a photo
    x         a coming activity of the other neighborhood 李四 registered for
    register  register for another nb activity (API, then the database)
    cancel    cancel 张三's registration on a coming nb activity (API)
    checkin   check 张三 in from the organisers' list of an activity under way (web form)
    new       open the page to publish an nb activity (200, else 302/403; never a 500)

Read cells: `-` not there; `.` there without any of the fields below; `n` + real name;
`p` + phone; `r` + room; `c` + the check-in code of the day; `f` + the photo.
Each output carries at most what OUTPUT_FIELDS says (lists and the API name nobody and show
no code); the cell says what the role gets where the output can carry it.
Write cells: `y` done, `-` refused and nothing changed.
"""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from linli.activities import actions
from linli.activities.models import Activity, Registration
from linli.community.testing import make_person
from linli.core.tests.test_uploads import photo

COLUMNS = ["reg", "wait", "door", "photos", "x", "register", "cancel", "checkin", "new", "edit"]
WRITES = {"register", "cancel", "checkin", "edit"}

# fmt: off
TABLE = {
    "secretary":    ("committee staff",    "nc  nc  nc  ncf  .   y  y  y  y  y"),
    "staff":        ("committee staff",    "nc  nc  nc  ncf  .   y  y  y  y  y"),
    "leader":       ("own building",       ".   .   .   f    .   y  -  -  -  -"),
    "owners":       ("other building",     ".   .   .   f    .   y  -  -  -  -"),
    "property":     ("no household",       ".   .   .   f    .   -  -  -  -  -"),
    "resident":     ("own (participant)",  ".   .   .   f    .   y  y  -  -  -"),
    "housemate":    ("own household",      ".   .   .   f    .   y  -  -  -  -"),
    "neighbour":    ("own building",       ".   .   .   f    .   y  -  -  -  -"),
    "far_resident": ("other building",     ".   .   .   f    .   y  -  -  -  -"),
    "street_staff": ("street",             ".   .   .   f    .   -  -  -  -  -"),
    "other_staff":  ("other neighborhood", ".   .   .   f    nc  -  -  -  -  -"),
    "unverified":   ("no household",       ".   .   .   f    .   -  -  -  -  -"),
    "anonymous":    ("signed out",         ".   .   .   f    .   -  -  -  -  -"),
}
# fmt: on

FIELDS = {"n": "name", "p": "phone", "r": "room", "c": "code", "f": "photo"}
NB = {"name": "张三", "phone": "13811112222", "room": "1-1-101"}
X = {"name": "李四", "phone": "13955556666", "room": "1-1-301"}
CAPTION = "大家的合影"
OUTPUT_FIELDS = {
    "list page": set(),
    "activity page": set(FIELDS.values()),
    "API list": set(),
    "API detail": set(),
}


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


def _publish(neighborhood, actor, title, capacity=5, days=2):
    start = timezone.now() + timedelta(days=days)
    return actions.activity_publish(
        neighborhood=neighborhood,
        actor=actor,
        title=title,
        place="活动室",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=capacity,
    )


def _move(activity, minutes_ago):
    start = timezone.now() - timedelta(minutes=minutes_ago)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )
    activity.refresh_from_db()
    return activity


@pytest.fixture
def activities(tree, other_tree, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    nb, staff, zhang = tree.neighborhood, people["staff"], people["resident"]
    made = {
        "reg": _publish(nb, staff, "亲子手工（reg）"),
        "wait": _publish(nb, staff, "书法课（wait）", capacity=1),
        "door": _publish(nb, staff, "健康讲座（door）"),
        "photos": _publish(nb, staff, "清洁家园（photos）"),
        "x": _publish(other_tree.neighborhood, people["other_staff"], "远方联欢（x）"),
        "register": _publish(nb, staff, "太极拳（register）"),
        "cancel": _publish(nb, staff, "插花（cancel）"),
        "checkin": _publish(nb, staff, "电影之夜（checkin）"),
    }
    filler = make_person("filler", tree.buildings[1].homes[3])
    actions.registration_create(activity=made["wait"], person=filler)
    for key in ("reg", "wait", "door", "photos", "cancel", "checkin"):
        actions.registration_create(activity=made[key], person=zhang)
    assert Registration.objects.get(activity=made["wait"], person=zhang).status == "waiting"
    li = make_person(
        "other_resident", other_tree.buildings[0].homes[2], real_name=X["name"], phone=X["phone"]
    )
    actions.registration_create(activity=made["x"], person=li)
    for key in ("door", "checkin"):
        _move(made[key], minutes_ago=10)
    actions.checkin_by_staff(
        registration=Registration.objects.get(activity=made["door"], person=zhang), actor=staff
    )
    _move(made["photos"], minutes_ago=60 * 24)
    actions.photo_add(
        activity=made["photos"],
        actor=staff,
        image=SimpleUploadedFile("p.jpg", photo(), content_type="image/jpeg"),
        caption=CAPTION,
    )
    for a in made.values():
        a.refresh_from_db()
    return made


def _shown(text, markers):
    return {f for f, value in markers.items() if value in text}


def _list_row(body, url):
    rows = body.split('<ul class="acts">', 1)[1].split("</ul>", 1)[0]
    return next((row for row in rows.split("<li") if f'href="{url}"' in row), None)


def _outputs(client, activity):
    past = activity.ends_at <= timezone.now()
    slug = activity.neighborhood.slug
    page = client.get(activity.get_absolute_url())
    assert page.status_code in (200, 302, 403, 404)
    api = client.get(f"/api/v1/activities/{activity.pk}")
    assert api.status_code in (200, 401, 403, 404)
    body = client.get(
        reverse("activities:activity-list", args=[slug]) + ("?past=1" if past else "")
    )
    assert body.status_code == 200
    rows = client.get(f"/api/v1/activities/n/{slug}/activities?page_size=100&past={past}")
    assert rows.status_code == 200
    found = [r for r in rows.json()["items"] if r["id"] == activity.pk]
    return {
        "activity page": page.content.decode() if page.status_code == 200 else None,
        "API detail": json.dumps(api.json(), ensure_ascii=False)
        if api.status_code == 200
        else None,
        "list page": _list_row(body.content.decode(), activity.get_absolute_url()),
        "API list": json.dumps(found[0], ensure_ascii=False) if found else None,
    }


def _write(column, client, activities, people):
    zhang = people["resident"]
    if column == "register":
        a = activities["register"]
        r = client.post(f"/api/v1/activities/{a.pk}/registrations", content_type="application/json")
        done = Registration.objects.filter(activity=a, status="confirmed").exists()
        ok = r.status_code == 201
    elif column == "cancel":
        reg = Registration.objects.get(activity=activities["cancel"], person=zhang)
        r = client.post(
            f"/api/v1/activities/registrations/{reg.pk}/cancel", content_type="application/json"
        )
        done = Registration.objects.get(pk=reg.pk).status == Registration.Status.CANCELLED
        ok = r.status_code == 200
    elif column == "edit":  # a new place for the activity 张三 registered for (API), the edit page
        a = activities["reg"]
        page = client.get(reverse("activities:activity-edit", args=[a.pk])).status_code
        r = client.patch(
            f"/api/v1/activities/{a.pk}", {"place": "新活动室"}, content_type="application/json"
        )
        done = Activity.objects.filter(pk=a.pk, place="新活动室").exists()
        ok = r.status_code == 200
        assert (page == 200) == done, page
    else:  # the organisers' check-in button
        reg = Registration.objects.get(activity=activities["checkin"], person=zhang)
        r = client.post(reverse("activities:checkin-staff", args=[reg.pk]))
        done = Registration.objects.get(pk=reg.pk).checked_in_at is not None
        ok = done
    assert r.status_code in (200, 201, 302, 401, 403, 404), (column, r.status_code, r.content)
    assert ok == done, f"{column}: the answer says {ok}, the database says {done}"
    return done


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, activities, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row = TABLE[role]
    cells = dict(zip(COLUMNS, row.split(), strict=True))
    checked, wrong = 0, []
    for column in ("reg", "wait", "door", "photos", "x"):
        a = activities[column]
        markers = {**(X if column == "x" else NB), "code": a.checkin_code, "photo": CAPTION}
        cell = cells[column]
        for output, text in _outputs(c, a).items():
            expected = None
            if cell != "-":
                expected = {FIELDS[f] for f in cell if f in FIELDS} & OUTPUT_FIELDS[output]
            got = None if text is None else _shown(text, markers)
            if text is not None:
                assert f"（{column}）" in text
            if got != expected:
                wrong.append(f"{role} {column} {output}: expected {expected}, got {got}")
            checked += 1 + len(markers)  # there or not, and each field
    opened = c.get(reverse("activities:activity-new", args=["nb"])).status_code
    assert opened in (200, 302, 403), opened
    if (opened == 200) != (cells["new"] == "y"):
        wrong.append(f"{role} new: expected {cells['new']}, got {opened}")
    checked += 1
    for column in ("register", "cancel", "checkin", "edit"):
        done = _write(column, c, activities, people)
        if done != (cells[column] == "y"):
            wrong.append(f"{role} {column}: expected {cells[column]}, done={done}")
        checked += 1
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
    assert checked == 5 * 4 * 6 + len(WRITES) + 1
