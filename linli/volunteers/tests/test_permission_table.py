"""The volunteers' permission table: every role of the root conftest, every shift and sign-up a
role may meet, and which of the volunteer's personal fields (real name, phone, room) each role
gets on each page and each API response. Pages and the API are fetched for real.

The volunteer in `nb` is `resident` (张三, 13811112222, room 1-1-101, building 1); in the other
neighborhood, 李四 (13955556666, room 1-1-301). Columns:

    shift    an open nb shift 张三 signed up for (list page, shift page, API list, API detail)
    past     a past nb shift confirmed done, 张三 credited (shift page, API detail)
    x        a shift of the other neighborhood 李四 signed up for (its list, page, API)
    hours-   张三's volunteer hours, consent not given (hours page, API)
    hours+   the same once 张三 agreed to show them
    sign     sign up for another nb shift (API, then the database)
    swap     move 张三's sign-up to another shift (API)
    cancel   cancel 张三's sign-up on a third shift (API)
    consent  tick "show my hours" on 张三's hours page (web form)
    new      open the page to publish nb shifts (200, else 302/403; never a 500)

Read cells: `-` not there (absent from lists, 302/403/404 on its page and in the API);
`.` there without any personal field; `n` + real name; `p` + phone; `r` + room.
Lists and the API never name volunteers, whoever looks: each output's expected fields are cut
to what OUTPUT_FIELDS says it may carry.
Write cells: `y` done, `-` refused and nothing changed.
"""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.community.testing import make_person
from linli.volunteers import actions
from linli.volunteers.models import Shift, SignUp, Volunteer

COLUMNS = [
    "shift",
    "past",
    "x",
    "hours-",
    "hours+",
    "sign",
    "swap",
    "cancel",
    "consent",
    "new",
    "edit",
]
WRITES = {"sign", "swap", "cancel", "consent", "edit"}

# fmt: off
TABLE = {
    "secretary":    ("committee staff",    "n  n  -  .  .  y  y  y  -  y  y"),
    "staff":        ("committee staff",    "n  n  -  .  .  y  y  y  -  y  y"),
    "leader":       ("own building",       ".  .  -  -  .  y  -  -  -  -  -"),
    "owners":       ("other building",     ".  .  -  -  .  y  -  -  -  -  -"),
    "property":     ("no household",       "-  -  -  -  .  -  -  -  -  -  -"),
    "resident":     ("own (volunteer)",    ".  .  -  .  .  y  y  y  y  -  -"),
    "housemate":    ("own household",      ".  .  -  -  .  y  -  -  -  -  -"),
    "neighbour":    ("own building",       ".  .  -  -  .  y  -  -  -  -  -"),
    "far_resident": ("other building",     ".  .  -  -  .  y  -  -  -  -  -"),
    "street_staff": ("street",             ".  .  .  -  .  -  -  -  -  -  -"),
    "other_staff":  ("other neighborhood", "-  -  n  -  .  -  -  -  -  -  -"),
    "unverified":   ("no household",       "-  -  -  -  .  -  -  -  -  -  -"),
    "anonymous":    ("signed out",         "-  -  -  -  .  -  -  -  -  -  -"),
}
# fmt: on

FIELDS = {"n": "name", "p": "phone", "r": "room"}
NB = {"name": "张三", "phone": "13811112222", "room": "1-1-101"}
X = {"name": "李四", "phone": "13955556666", "room": "1-1-301"}
ALL = set(FIELDS.values())
# What each output may carry at most: lists show shifts, never who signed up; the API has no
# list of who signed up (staff read it on the shift page), so it names nobody either.
OUTPUT_FIELDS = {
    "list page": set(),
    "shift page": ALL,
    "API list": set(),
    "API detail": set(),
    "hours page": ALL,
    "API hours": ALL,
}


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    assert all(len(row.split()) == len(COLUMNS) for _scope, row in TABLE.values())


def _publish(neighborhood, actor, title, days=2, **extra):
    start = timezone.now() + timedelta(days=days)
    return actions.shift_publish(
        neighborhood=neighborhood,
        actor=actor,
        title=title,
        place="北门厢房",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        places=5,
        **extra,
    )


@pytest.fixture
def shifts(tree, other_tree, people):
    nb, staff, zhang = tree.neighborhood, people["staff"], people["resident"]
    made = {
        "shift": _publish(nb, staff, "东门垃圾分类值守（shift）"),
        "to": _publish(nb, staff, "东门垃圾分类值守（to）", days=3),
        "sign": _publish(nb, staff, "西门垃圾分类值守（sign）", days=4),
        "cancel": _publish(nb, staff, "南门垃圾分类值守（cancel）", days=5),
        "past": _publish(nb, staff, "北门垃圾分类值守（past）"),
        "x": _publish(other_tree.neighborhood, people["other_staff"], "远方值守（x）"),
    }
    for key in ("shift", "cancel", "past"):
        actions.signup_create(shift=made[key], person=zhang)
    li = make_person(
        "other_resident", other_tree.buildings[0].homes[2], real_name=X["name"], phone=X["phone"]
    )
    actions.signup_create(shift=made["x"], person=li)
    start = timezone.now() - timedelta(hours=3)
    Shift.objects.filter(pk=made["past"].pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )
    made["past"].refresh_from_db()
    assert actions.shift_confirm(shift=made["past"], actor=staff, attended_ids=[zhang.pk]) == 1
    return made


def _shown(text, person):
    return {f for f, value in person.items() if value in text}


def _list_row(body, url):
    rows = body.split('<ul class="shifts">', 1)[1].split("</ul>", 1)[0]
    return next((row for row in rows.split("<li") if f'href="{url}"' in row), None)


def _api(client, url):
    r = client.get(url)
    assert r.status_code in (200, 401, 403, 404), (url, r.status_code)
    return r.json() if r.status_code == 200 else None


def _page(client, url):
    r = client.get(url)
    assert r.status_code in (200, 302, 403, 404), (url, r.status_code)
    return r.content.decode() if r.status_code == 200 else None


def _shift_outputs(client, shift, lists=True):
    out = {
        "shift page": _page(client, shift.get_absolute_url()),
        "API detail": _api(client, f"/api/v1/volunteers/shifts/{shift.pk}"),
    }
    if out["API detail"] is not None:
        out["API detail"] = json.dumps(out["API detail"], ensure_ascii=False)
    if lists:
        slug = shift.neighborhood.slug
        body = _page(client, reverse("volunteers:shift-list", args=[slug]))
        out["list page"] = body and _list_row(body, shift.get_absolute_url())
        rows = _api(client, f"/api/v1/volunteers/n/{slug}/shifts?page_size=100")
        found = [r for r in (rows or {"items": []})["items"] if r["id"] == shift.pk]
        out["API list"] = json.dumps(found[0], ensure_ascii=False) if found else None
    return out


def _hours_outputs(client, person):
    api = _api(client, f"/api/v1/volunteers/people/{person.pk}")
    return {
        "hours page": _page(client, reverse("volunteers:person", args=[person.pk])),
        "API hours": json.dumps(api, ensure_ascii=False) if api is not None else None,
    }


def _post_api(client, url, payload=None):
    r = client.post(url, payload or {}, content_type="application/json")
    assert r.status_code in (200, 201, 401, 403, 404), (url, r.status_code, r.content)
    return r.status_code in (200, 201)


def _write(column, client, shifts, people):
    """Try the write as the client's person; True when it was done (and the data shows it)."""
    zhang = people["resident"]
    if column == "sign":
        ok = _post_api(client, f"/api/v1/volunteers/shifts/{shifts['sign'].pk}/signups")
        done = SignUp.objects.filter(shift=shifts["sign"], status="signed").exists()
    elif column == "swap":
        signup = SignUp.objects.get(shift=shifts["shift"], person=zhang)
        ok = _post_api(
            client,
            f"/api/v1/volunteers/signups/{signup.pk}/swap",
            {"to_shift_id": shifts["to"].pk},
        )
        done = SignUp.objects.filter(shift=shifts["to"], person=zhang, status="signed").exists()
    elif column == "cancel":
        signup = SignUp.objects.get(shift=shifts["cancel"], person=zhang)
        ok = _post_api(client, f"/api/v1/volunteers/signups/{signup.pk}/cancel")
        done = SignUp.objects.get(pk=signup.pk).status == SignUp.Status.CANCELLED
    elif (
        column == "edit"
    ):  # a new place for the shift 张三 may swap to (the API), and the edit page
        page = client.get(reverse("volunteers:shift-edit", args=[shifts["to"].pk])).status_code
        r = client.patch(
            f"/api/v1/volunteers/shifts/{shifts['to'].pk}",
            {"place": "东门新址"},
            content_type="application/json",
        )
        assert r.status_code in (200, 401, 403, 404), r.status_code
        ok = r.status_code == 200
        done = Shift.objects.filter(pk=shifts["to"].pk, place="东门新址").exists()
        assert (page == 200) == done, page
    else:  # consent: the form on 张三's own hours page
        r = client.post(reverse("volunteers:person", args=[zhang.pk]), {"show_on_profile": "on"})
        assert r.status_code in (200, 302, 403), r.status_code
        done = Volunteer.objects.filter(pk=zhang.pk, show_on_profile=True).exists()
        ok = done
    assert ok == done, f"{column}: the answer says {ok}, the database says {done}"
    return done


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, shifts, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, row = TABLE[role]
    cells = dict(zip(COLUMNS, row.split(), strict=True))
    checked, wrong = 0, []

    def compare(column, outputs, person):
        nonlocal checked
        cell = cells[column]
        for output, text in outputs.items():
            expected = None
            if cell != "-":
                expected = {FIELDS[f] for f in cell if f in FIELDS} & OUTPUT_FIELDS[output]
            got = None if text is None else _shown(text, person)
            if got != expected:
                wrong.append(f"{role} {column} {output}: expected {expected}, got {got}")
            checked += 4  # there or not, name, phone, room

    compare("shift", _shift_outputs(c, shifts["shift"]), NB)
    compare("past", _shift_outputs(c, shifts["past"], lists=False), NB)
    compare("x", _shift_outputs(c, shifts["x"]), X)
    compare("hours-", _hours_outputs(c, people["resident"]), NB)
    actions.consent_set(person=people["resident"], show=True)
    compare("hours+", _hours_outputs(c, people["resident"]), NB)
    actions.consent_set(person=people["resident"], show=False)
    opened = c.get(reverse("volunteers:shift-new", args=["nb"])).status_code
    assert opened in (200, 302, 403), opened
    if (opened == 200) != (cells["new"] == "y"):
        wrong.append(f"{role} new: expected {cells['new']}, got {opened}")
    checked += 1
    for column in ("sign", "swap", "cancel", "consent", "edit"):
        done = _write(column, c, shifts, people)
        if done != (cells[column] == "y"):
            wrong.append(f"{role} {column}: expected {cells[column]}, done={done}")
        checked += 1
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
    assert checked == 4 * (4 + 2 + 4 + 2 + 2) + len(WRITES) + 1
