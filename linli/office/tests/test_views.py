"""Pages: forms work without JavaScript, who sees what, bad input, constant query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.office import actions
from linli.office.actions.reception import slot_starts
from linli.office.actions.stats import stats_rebuild
from linli.office.demo import make_requests
from linli.office.models import Request


def test_resident_reports_a_problem_with_the_form(login, people, tree, categories):
    client = login(people["resident"])
    url = reverse("office:request-create", args=["nb"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "category": categories["lift"].pk,
            "description": "电梯按钮失灵了，按了没反应",
            "building": tree.buildings[0].pk,
            "place": "2号电梯",
            "public": "on",
        },
    )
    r = Request.objects.get()
    assert response.status_code == 302 and response["Location"] == r.get_absolute_url()
    assert (r.reporter, r.party, r.public, r.place) == (
        people["resident"],
        "property_manager",
        True,
        "2号电梯",
    )


def test_form_without_javascript_can_check_for_similar_requests_first(
    login, people, tree, categories, submit
):
    existing = submit(
        "far_resident", public=True, description="电梯按钮失灵了", building=tree.buildings[0]
    )
    client = login(people["resident"])
    body = client.post(
        reverse("office:request-create", args=["nb"]),
        {
            "category": categories["lift"].pk,
            "description": "电梯按钮又失灵",
            "building": tree.buildings[0].pk,
            "public": "on",
            "check": "1",
        },
    ).content.decode()
    assert existing.get_absolute_url() in body and Request.objects.count() == 1


def test_similar_fragment_for_htmx(client, tree, submit):
    existing = submit(public=True, description="地库入口灯一直闪")
    body = client.get(
        reverse("office:request-similar", args=["nb"]),
        {"description": "地库的灯闪"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert existing.get_absolute_url() in body and "<html" not in body


def test_bad_form_input_shows_messages_and_saves_nothing(login, people, categories):
    body = (
        login(people["resident"])
        .post(reverse("office:request-create", args=["nb"]), {"category": "", "description": "坏"})
        .content.decode()
    )
    assert 'class="error"' in body and not Request.objects.exists()


@pytest.mark.parametrize(
    "who,sees_name",
    [
        ("property", False),  # handles it: the room, and the phone only if shared
        ("owners", False),
        ("staff", True),
        ("resident", True),
        ("neighbour", False),
        ("leader", False),
        ("anonymous", False),
    ],
)
def test_reporter_name_only_to_the_reporter_and_committee_staff(
    login, client, people, submit, who, sees_name
):
    r = submit(public=True)
    c = client if who == "anonymous" else login(people[who])
    body = c.get(r.get_absolute_url()).content.decode()
    assert "电梯又停了" in body
    assert ("张三" in body) is sees_name and ("13811112222" in body) is sees_name


@pytest.mark.parametrize(
    "who,status",
    [
        ("resident", 200),
        ("staff", 200),
        ("property", 200),
        ("street_staff", 403),
        ("owners", 403),
        ("neighbour", 403),
        ("housemate", 403),
        ("anonymous", 403),
    ],
)
def test_private_request_page(login, client, people, submit, who, status):
    r = submit(public=False)
    c = client if who == "anonymous" else login(people[who])
    assert c.get(r.get_absolute_url()).status_code == status


def test_staff_move_a_request_on_through_the_page(login, people, submit):
    r = submit()
    client = login(people["property"])
    client.post(
        reverse("office:request-transition", args=[r.pk]), {"to": "accepted", "note": "马上派人"}
    )
    client.post(
        reverse("office:request-transfer", args=[r.pk]),
        {"party": "owners_committee", "reason": "需要维修资金"},
    )
    r.refresh_from_db()
    assert (r.status, r.party) == ("accepted", "owners_committee")
    # A bad move is refused with a message and changes nothing.
    response = client.post(
        reverse("office:request-transition", args=[r.pk]), {"to": "closed"}, follow=True
    )
    assert Request.objects.get().status == "accepted" and response.context["messages"]


def test_me_too_and_rating_through_the_page(login, people, submit):
    r = submit(public=True)
    login(people["neighbour"]).post(reverse("office:request-follow", args=[r.pk]))
    assert Request.objects.get().follower_count == 1
    actions.request_transition(request=r, actor=people["property"], to="accepted")
    actions.request_transition(request=r, actor=people["property"], to="resolved")
    login(people["resident"]).post(
        reverse("office:request-rate", args=[r.pk]), {"rating": "4", "comment": "还行"}
    )
    assert Request.objects.get().rating == 4


def test_dashboard_is_for_the_joint_office(login, people, submit):
    submit()
    url = reverse("office:dashboard", args=["nb"])
    body = login(people["owners"]).get(url).content.decode()
    assert '<img class="chart"' in body and "<table" in body
    assert login(people["resident"]).get(url).status_code == 403


def test_reception_slot_booking_through_the_page(login, people, next_day):
    client = login(people["resident"])
    start = slot_starts(next_day)[3]
    response = client.post(
        next_day.get_absolute_url(), {"starts_at": start.isoformat(), "subject": "加装电梯"}
    )
    assert response.status_code == 302
    assert next_day.slots.get().person == people["resident"]
    body = login(people["far_resident"]).get(next_day.get_absolute_url()).content.decode()
    assert "加装电梯" not in body  # other residents do not see who booked what
    assert "加装电梯" in login(people["staff"]).get(next_day.get_absolute_url()).content.decode()


def test_staff_cancel_and_move_through_the_page(login, people, next_day):
    client = login(people["secretary"])
    later = next_day.reception_later = next_day.series.occurrences.filter(
        starts_at__gt=next_day.starts_at
    ).first()
    local = timezone.localtime(later.starts_at) + timedelta(days=1)
    client.post(
        reverse("office:occurrence-move", args=[later.pk]),
        {"date": local.date().isoformat(), "start": "09:00", "end": "11:30", "note": "停电"},
    )
    client.post(reverse("office:occurrence-cancel", args=[next_day.pk]), {"note": "春节"})
    next_day.refresh_from_db()
    later.refresh_from_db()
    assert next_day.status == "cancelled" and later.moved


def _bulk(tree, categories, people, n):
    import random

    cats = list(categories.values())
    for c in cats:
        c.weight, c.texts = 1, ["{b}号楼的电梯又坏了"]
    reporters = [
        (people["resident"].pk, people["resident"].household_id),
        (people["far_resident"].pk, people["far_resident"].household_id),
    ]
    make_requests(
        tree.neighborhood,
        cats,
        reporters,
        tree.buildings,
        count=n,
        start=timezone.now() - timedelta(days=300),
        end=timezone.now(),
        rng=random.Random(n),
    )
    stats_rebuild(tree.neighborhood.pk)


def test_pages_have_constant_query_counts(
    login, people, tree, categories, next_day, submit, django_assert_max_num_queries
):
    _bulk(tree, categories, people, 5)
    submit(public=True)
    r = Request.objects.filter(public=True).first()
    pages = [
        ("resident", reverse("office:request-list", args=["nb"])),
        ("staff", reverse("office:request-list", args=["nb"]) + "?overdue=1"),
        ("owners", reverse("office:dashboard", args=["nb"])),
        ("resident", r.get_absolute_url()),
        ("property", r.get_absolute_url()),
        ("resident", reverse("office:reception-list", args=["nb"])),
        ("staff", next_day.get_absolute_url()),
        (None, "/open311/v2/requests.json?jurisdiction_id=nb"),
        ("resident", "/"),
    ]
    counts = {}
    for who, url in pages:
        client = login(people[who]) if who else login(people["resident"]).__class__()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        counts[(who, url)] = len(ctx)
    _bulk(tree, categories, people, 300)
    for n in range(6):
        actions.slot_book(
            occurrence=next_day,
            person=[
                people[k]
                for k in ("resident", "far_resident", "neighbour", "leader", "owners", "housemate")
            ][n],
            starts_at=slot_starts(next_day)[n],
            subject="x",
        )
        actions.minute_add(occurrence=next_day, actor=people["staff"], text=f"item {n}")
    for who, url in pages:
        client = login(people[who]) if who else login(people["resident"]).__class__()
        with django_assert_max_num_queries(counts[(who, url)], info=f"{who} {url}"):
            assert client.get(url).status_code == 200, url


def test_photos_upload_through_the_form(login, people, categories):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    def png():
        out = BytesIO()
        Image.new("RGB", (30, 20), (0, 120, 0)).save(out, "PNG")
        return SimpleUploadedFile("a.png", out.getvalue(), content_type="image/png")

    client = login(people["resident"])
    client.post(
        reverse("office:request-create", args=["nb"]),
        {
            "category": categories["lift"].pk,
            "description": "电梯按钮失灵，附照片",
            "photos": [png(), png()],
            "public": "on",
        },
    )
    assert Request.objects.get().photos.count() == 2
    body = client.post(
        reverse("office:request-create", args=["nb"]),
        {
            "category": categories["lift"].pk,
            "description": "假照片假照片",
            "photos": [SimpleUploadedFile("x.png", b"not an image", content_type="image/png")],
        },
    ).content.decode()
    assert Request.objects.count() == 1 and 'class="error' in body


def test_staff_set_categories_and_their_service_levels(login, people, tree, categories):
    from linli.office.models import Category

    url = reverse("office:category-list", args=["nb"])
    data = {
        "name": "高空抛物",
        "name_en": "Things thrown from windows",
        "code": "thrown-objects",
        "group": "",
        "description": "",
        "party": "residents_committee",
        "accept_hours": 4,
        "resolve_hours": 48,
        "sort": 1,
        "active": "on",
    }
    assert login(people["resident"]).post(url, data).status_code == 403
    assert login(people["staff"]).post(url, data).status_code == 302
    assert Category.objects.get(code="thrown-objects").accept_hours == 4
    body = (
        login(people["staff"])
        .post(url, {**data, "code": "bad-sla", "accept_hours": 48, "resolve_hours": 4})
        .content.decode()
    )
    assert not Category.objects.filter(code="bad-sla").exists() and 'class="errors"' in body


@pytest.mark.parametrize(
    "lang,texts",
    [
        ("zh-hans", ["我要反映", "电梯故障", "已提交"]),
        ("en", ["Report a problem", "Lift out of order", "submitted"]),
    ],
)
def test_pages_in_both_languages(login, people, submit, lang, texts):
    submit(public=True)
    client = login(people["far_resident"])
    client.cookies["django_language"] = lang
    body = client.get(reverse("office:request-list", args=["nb"])).content.decode()
    assert all(t in body for t in texts), texts
