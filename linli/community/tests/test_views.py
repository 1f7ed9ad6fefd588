"""Pages: who sees what (the personal-data boundary), bad input, and constant query counts."""

import pytest
from django.urls import reverse

from linli.community import actions
from linli.community.models import Household, Resident, Role, VerificationRequest
from linli.community.testing import make_person


def test_home_for_anonymous_offers_sign_up(client, tree):
    response = client.get("/")
    assert response.status_code == 200
    assert reverse("signup").encode() in response.content


def test_public_pages_show_no_personal_data(client, people, tree):
    for url in ["/", tree.neighborhood.get_absolute_url(), tree.buildings[0].get_absolute_url()]:
        body = client.get(url).content.decode()
        assert "张三" not in body and "13811112222" not in body


@pytest.mark.parametrize(
    "who,sees",
    [
        ("staff", True),
        ("secretary", True),
        ("leader", True),
        ("resident", False),
        ("neighbour", False),
        ("far_resident", False),
        ("owners", False),
        ("property", False),
        ("street_staff", False),
        ("other_staff", False),
        ("unverified", False),
    ],
)
def test_building_page_shows_residents_only_to_staff_and_its_leader(login, people, tree, who, sees):
    body = login(people[who]).get(tree.buildings[0].get_absolute_url()).content.decode()
    assert ("张三" in body) is sees
    assert ("13811112222" in body) is sees


def test_leader_does_not_see_another_buildings_residents(login, people, tree):
    body = login(people["leader"]).get(tree.buildings[1].get_absolute_url()).content.decode()
    assert "far_resident 真名" not in body


@pytest.mark.parametrize(
    "who,status",
    [
        ("staff", 200),
        ("secretary", 200),
        ("leader", 403),
        ("resident", 403),
        ("owners", 403),
        ("property", 403),
        ("street_staff", 403),
        ("other_staff", 403),
        ("unverified", 403),
    ],
)
def test_household_list_is_for_committee_staff(login, people, tree, who, status):
    response = login(people[who]).get(
        reverse("community:household-list", args=[tree.neighborhood.slug])
    )
    assert response.status_code == status
    if status == 403:
        assert "张三" not in response.content.decode()


def test_household_list_requires_sign_in(client, tree):
    response = client.get(reverse("community:household-list", args=[tree.neighborhood.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "who,status",
    [
        ("resident", 200),
        ("housemate", 200),
        ("leader", 200),
        ("staff", 200),
        ("neighbour", 403),
        ("far_resident", 403),
        ("owners", 403),
        ("other_staff", 403),
    ],
)
def test_household_detail_boundary(login, people, home, who, status):
    assert (
        login(people[who]).get(reverse("community:household-detail", args=[home.pk])).status_code
        == status
    )


def test_my_household_shows_my_room_and_members(login, people, home):
    body = login(people["resident"]).get(reverse("community:household-mine")).content.decode()
    assert home.room in body and "Housemate" in body and "Neighbour" not in body


def test_unverified_person_is_sent_to_verification(login, people):
    response = login(people["unverified"]).get(reverse("community:household-mine"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "community:verification-request"
    )


def test_signup_page_fills_the_code_from_the_letter(client, tree):
    body = client.get(reverse("signup") + "?code=K7QM-4XPD-2H").content.decode()
    assert 'value="K7QM-4XPD-2H"' in body


def test_signup_view_with_code_signs_in_to_household(client, home, people):
    code = actions.invitation_generate(households=[home], actor=people["staff"])[0].code
    response = client.post(
        reverse("signup"),
        {
            "code": code,
            "username": "neu",
            "display_name": "",
            "real_name": "",
            "phone": "",
            "language": "en",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "community:household-mine"
    )
    assert Resident.objects.get(username="neu").household == home
    assert client.get(reverse("community:household-mine")).status_code == 200


def test_signup_view_with_wrong_code_explains_and_creates_nobody(client, tree):
    response = client.post(
        reverse("signup"),
        {
            "code": "AAAA-BBBB-CC",
            "username": "neu",
            "language": "zh-hans",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert not Resident.objects.filter(username="neu").exists()
    assert "not valid" in response.content.decode() or "无效" in response.content.decode()


def test_signup_view_password_mismatch(client, tree):
    response = client.post(
        reverse("signup"),
        {
            "username": "neu",
            "language": "en",
            "password1": "a-long-test-password",
            "password2": "another-long-password",
        },
    )
    assert response.status_code == 200 and not Resident.objects.filter(username="neu").exists()


def test_staff_prints_letters_for_a_building(login, people, tree):
    building = tree.buildings[0]
    response = login(people["staff"]).post(
        reverse("community:invitation-index", args=[tree.neighborhood.slug]),
        {"building": building.pk, "only_without_account": "on"},
    )
    body = response.content.decode()
    # Households 1 and 2 and 4 have verified residents in the fixtures; household 3 (room 301) has none.
    assert response.status_code == 200 and body.count('class="letter"') == 1 and "<svg" in body
    assert "/accounts/signup/?code=" in body


def test_resident_cannot_print_letters(login, people, tree):
    response = login(people["resident"]).post(
        reverse("community:invitation-index", args=[tree.neighborhood.slug]),
        {"building": tree.buildings[0].pk},
    )
    assert response.status_code == 403


def test_import_view_reports_bad_rows(login, people, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("h.csv", b"building,room,area\n7,101,80\n7,102,abc\n")
    response = login(people["staff"]).post(
        reverse("community:household-import", args=[tree.neighborhood.slug]),
        {"compound": tree.compound.pk, "file": upload},
    )
    assert response.status_code == 200
    assert "abc" in response.content.decode()
    assert not Household.objects.filter(building__number="7").exists()


def test_verification_request_flow_through_pages(login, people, tree, client):
    c = login(people["unverified"])
    response = c.post(
        reverse("community:verification-request"),
        {"building": tree.buildings[0].pk, "unit": "1", "room": "301", "note": "刚搬来"},
    )
    assert response.status_code == 302
    item = VerificationRequest.objects.get(resident=people["unverified"])
    c = login(people["leader"])
    assert (
        "unverified"
        in c.get(
            reverse("community:verification-list", args=[tree.neighborhood.slug])
        ).content.decode()
    )
    c.post(reverse("community:verification-decide", args=[item.pk]), {"decision": "approve"})
    assert Resident.objects.get(pk=people["unverified"].pk).household == tree.buildings[0].homes[2]


def test_role_page_for_secretary_only(login, people, tree):
    url = reverse("community:role-list", args=[tree.neighborhood.slug])
    assert login(people["staff"]).get(url).status_code == 403
    c = login(people["secretary"])
    response = c.post(
        url,
        {
            "username": "neighbour",
            "kind": Role.Kind.BUILDING_LEADER,
            "building": tree.buildings[0].pk,
        },
    )
    assert response.status_code == 302
    assert Role.objects.filter(person=people["neighbour"], kind=Role.Kind.BUILDING_LEADER).exists()


def test_profile_update_and_bad_phone(login, people):
    c = login(people["resident"])
    response = c.post(
        reverse("community:profile"),
        {
            "display_name": "阿三",
            "real_name": "张三",
            "phone": "not-a-phone",
            "language": "zh-hans",
        },
    )
    assert response.status_code == 200
    assert Resident.objects.get(pk=people["resident"].pk).display_name == "Resident"
    c.post(
        reverse("community:profile"),
        {"display_name": "阿三", "real_name": "张三", "phone": "13811112222", "language": "en"},
    )
    person = Resident.objects.get(pk=people["resident"].pk)
    assert person.display_name == "阿三" and person.language == "en"


def test_security_headers(client, tree):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert response["X-Frame-Options"] == "DENY"


def test_csrf_is_enforced(tree):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "x", "password": "y"}
    )
    assert response.status_code == 403


def test_login_is_throttled(client, people, password):
    for _ in range(5):
        client.post(
            reverse("login"), {"username": "resident", "password": "wrong"}, REMOTE_ADDR="10.9.9.9"
        )
    response = client.post(
        reverse("login"), {"username": "resident", "password": password}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


# --- constant query counts: the same number of queries for 1 row and for many ---


def _grow(tree, n, start=0):
    building = tree.buildings[0]
    Household.objects.bulk_create(
        [
            Household(
                building=building, neighborhood=tree.neighborhood, unit="9", room=f"{i}", area=70
            )
            for i in range(start, start + n)
        ]
    )
    for h in Household.objects.filter(unit="9", room__in=[str(i) for i in range(start, start + n)]):
        person = make_person(f"p{h.pk}", h)
        actions.verification_request_create(
            resident=make_person(f"u{h.pk}"), building=building, unit="9", room=h.room
        )
        Role.objects.create(
            person=person,
            kind=Role.Kind.BUILDING_LEADER,
            neighborhood=tree.neighborhood,
            building=building,
        )


PAGES = [
    ("staff", lambda t: reverse("community:household-list", args=[t.neighborhood.slug])),
    ("leader", lambda t: t.buildings[0].get_absolute_url()),
    ("resident", lambda t: "/"),
    ("resident", lambda t: t.neighborhood.get_absolute_url()),
    ("resident", lambda t: reverse("community:household-mine")),
    ("secretary", lambda t: reverse("community:staff-dashboard", args=[t.neighborhood.slug])),
    ("secretary", lambda t: reverse("community:invitation-index", args=[t.neighborhood.slug])),
    ("secretary", lambda t: reverse("community:role-list", args=[t.neighborhood.slug])),
    ("secretary", lambda t: reverse("community:verification-list", args=[t.neighborhood.slug])),
    ("resident", lambda t: reverse("community:profile")),
    ("staff", lambda t: reverse("community:household-detail", args=[t.buildings[0].homes[0].pk])),
]


@pytest.mark.parametrize("who,url", PAGES, ids=[f"page{i}" for i in range(len(PAGES))])
def test_pages_have_constant_query_counts(
    login, people, tree, who, url, django_assert_max_num_queries
):
    """Measured with 2 extra households (people, requests, roles), then asserted with 40 more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _grow(tree, 2)
    c = login(people[who])
    with CaptureQueriesContext(connection) as small:
        assert c.get(url(tree)).status_code == 200
    _grow(tree, 40, start=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url(tree)).status_code == 200


@pytest.mark.parametrize("saved,browser", [("en", "zh-CN"), ("zh-hans", "en")])
def test_signing_in_switches_to_the_persons_saved_language(client, tree, saved, browser):
    from django.conf import settings

    from linli.community.testing import PASSWORD

    make_person("emma", tree.buildings[0].households.first(), language=saved)
    response = client.post(
        "/accounts/login/",
        {"username": "emma", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE=browser,
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == saved
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=browser).content.decode()
    assert f'lang="{"en" if saved == "en" else "zh-Hans"}"' in page
