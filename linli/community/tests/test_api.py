"""The community endpoints of /api/v1/: who gets what, who is refused, and how."""

import re

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from linli.community import actions
from linli.community.models import InvitationCode, hash_code
from linli.community.testing import grant, make_person, make_tree

API = "/api/v1"


class Caller:
    """GET/POST as someone (None: anonymous), through a client that enforces CSRF like a browser's.

    POSTs carry a CSRF token unless csrf=False. Each person signs in once, on first use or on login().
    """

    def __init__(self):
        self.clients = {}

    def login(self, person):
        key = person.pk if person is not None and person.is_authenticated else None
        if key not in self.clients:
            client = Client(enforce_csrf_checks=True)
            if key is not None:
                client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
            self.clients[key] = client
        return self.clients[key]

    def __call__(self, method, path, person=None, *, csrf=True, **params):
        client = self.login(person)
        headers = {}
        client.cookies.pop("csrftoken", None)
        if method == "post" and csrf:
            token = _get_new_csrf_string()
            client.cookies["csrftoken"] = token
            headers["X-CSRFToken"] = token
        return getattr(client, method)(API + path, data=params or None, headers=headers)


@pytest.fixture
def api(db):
    return Caller()


def refused(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    return body


# --- /me ----------------------------------------------------------------------------


def test_me_needs_sign_in(api, people):
    refused(api("get", "/me"), 401)


def test_me_is_the_person_their_household_and_roles(api, people, tree):
    body = api("get", "/me", people["resident"]).json()
    assert (
        body["username"] == "resident"
        and body["real_name"] == "张三"
        and body["phone"] == "13811112222"
    )
    assert body["verified"] is True and body["roles"] == []
    home = tree.buildings[0].homes[0]
    assert body["household"] == {
        "id": home.pk,
        "neighborhood": "nb",
        "compound": "nb花园",
        "building": "1",
        "building_id": tree.buildings[0].pk,
        "unit": "1",
        "room": "101",
        "area": "81.50",
        "owner_occupied": True,
    }


def test_me_lists_roles(api, people, tree):
    body = api("get", "/me", people["leader"]).json()
    assert body["roles"] == [
        {
            "kind": "building_leader",
            "street_id": None,
            "neighborhood_id": tree.neighborhood.pk,
            "building_id": tree.buildings[0].pk,
            "compound_id": None,
        }
    ]
    kinds = {r["kind"] for r in api("get", "/me", people["secretary"]).json()["roles"]}
    assert kinds == {"secretary", "committee_staff"}


def test_me_without_household(api, people):
    body = api("get", "/me", people["unverified"]).json()
    assert body["household"] is None and body["verified"] is False


# --- /neighborhoods -----------------------------------------------------------------


def test_neighborhoods_are_public(api, people):
    body = api("get", "/neighborhoods").json()
    assert body["count"] == 2
    assert [(n["slug"], n["street"]) for n in body["items"]] == [
        ("nb", "nb街道"),
        ("other", "nb街道"),
    ]
    assert set(body["items"][0]) == {
        "slug",
        "name",
        "name_en",
        "street",
        "household_count",
        "resident_count",
    }


def test_neighborhood_tree_with_counts(api, people, tree):
    actions.counters_refresh(neighborhood=tree.neighborhood)
    body = api("get", "/neighborhoods/nb").json()
    assert (body["slug"], body["name"], body["household_count"], body["resident_count"]) == (
        "nb",
        "nb居民区",
        8,
        8,
    )
    [compound] = body["compounds"]
    assert compound["name"] == "nb花园" and compound["household_count"] == 8
    assert [(b["id"], b["number"], b["household_count"]) for b in compound["buildings"]] == [
        (b.pk, b.number, 4) for b in tree.buildings
    ]


def test_neighborhood_unknown_or_malformed_slug(api, people):
    refused(api("get", "/neighborhoods/nowhere"), 404)
    refused(api("get", "/neighborhoods/n%20b"), 422)
    refused(
        api("get", "/neighborhoods/n%00b"), 422
    )  # PostgreSQL cannot compare text with NUL: refuse it up front


def test_neighborhood_page_bounds(api, people):
    refused(api("get", "/neighborhoods", page=0), 422)
    refused(api("get", "/neighborhoods", page=10**20), 422)
    assert api("get", "/neighborhoods", page=2).json() == {"items": [], "count": 2}


@pytest.mark.parametrize("n", [5, 60])
def test_neighborhood_list_queries_are_constant(api, db, n, django_assert_max_num_queries):
    street = make_tree("n0", buildings=0).street
    for i in range(1, n):
        make_tree(f"n{i}", street=street, buildings=0)
    with django_assert_max_num_queries(2):  # count, page
        body = api("get", "/neighborhoods").json()
    assert body["count"] == n and len(body["items"]) == min(n, 50)


# --- /neighborhoods/{slug}/households ------------------------------------------------


def households(api, person, slug="nb", **params):
    return api("get", f"/neighborhoods/{slug}/households", person, **params)


def test_households_need_sign_in(api, people):
    refused(households(api, None), 401)


@pytest.mark.parametrize(
    "who", ["leader", "resident", "owners", "property", "street_staff", "other_staff", "unverified"]
)
def test_households_are_for_the_neighborhoods_committee(api, people, who):
    refused(households(api, people[who]), 403)


def test_households_with_residents_and_personal_data(api, people, tree):
    body = households(api, people["staff"]).json()
    assert body["count"] == 8
    assert [(h["building"], h["room"]) for h in body["items"]] == [
        (b, f"{r}01") for b in "12" for r in range(1, 5)
    ]
    first = body["items"][0]
    assert [(p["username"], p["real_name"], p["phone"]) for p in first["residents"]] == [
        ("resident", "张三", "13811112222"),
        ("housemate", "housemate 真名", "13900000000"),
    ]
    assert households(api, people["secretary"]).json()["count"] == 8


def test_households_of_another_neighborhood_are_refused(api, people):
    assert households(api, people["other_staff"], slug="other").json()["count"] == 4
    refused(households(api, people["other_staff"], slug="nb"), 403)
    refused(households(api, people["staff"], slug="other"), 403)


def test_households_unknown_neighborhood(api, people):
    refused(households(api, people["staff"], slug="nowhere"), 404)


def test_households_pagination(api, people, tree):
    building = tree.buildings[1]
    for r in range(60):
        building.households.create(
            neighborhood=tree.neighborhood, unit="9", room=f"9{r:02}", area="50.00"
        )
    first = households(api, people["staff"]).json()
    assert first["count"] == 68 and len(first["items"]) == 50
    second = households(api, people["staff"], page=2).json()
    assert second["count"] == 68 and len(second["items"]) == 18
    assert not {h["id"] for h in first["items"]} & {h["id"] for h in second["items"]}
    assert households(api, people["staff"], page=3).json()["items"] == []
    assert len(households(api, people["staff"], page_size=100).json()["items"]) == 68
    refused(households(api, people["staff"], page_size=101), 422)
    refused(households(api, people["staff"], page=0), 422)
    refused(households(api, people["staff"], page=10**20), 422)


def rooms(response):
    assert response.status_code == 200, response.content
    return sorted((h["building"], h["room"]) for h in response.json()["items"])


def test_households_search(api, people):
    staff = people["staff"]
    assert rooms(households(api, staff, q="张三")) == [("1", "101")]
    assert rooms(households(api, staff, q="far_res")) == [("2", "101")]
    assert rooms(households(api, staff, q="201")) == [("1", "201"), ("2", "201")]
    assert rooms(households(api, staff, q="Housemate")) == [
        ("1", "101")
    ]  # display name, any case, counted once
    assert rooms(households(api, staff, q="nobody")) == []
    assert len(rooms(households(api, staff, q="  "))) == 8
    assert rooms(households(api, staff, q="\x00")) == rooms(
        households(api, staff)
    )  # NUL is ignored, even on PostgreSQL
    refused(households(api, staff, q="x" * 51), 422)


def test_households_building_filter(api, people, tree, other_tree):
    staff = people["staff"]
    assert rooms(households(api, staff, building=tree.buildings[1].pk)) == [
        ("2", f"{r}01") for r in range(1, 5)
    ]
    assert (
        rooms(households(api, staff, building=other_tree.buildings[0].pk)) == []
    )  # never outside the neighborhood
    assert rooms(households(api, staff, building=tree.buildings[0].pk, q="张三")) == [("1", "101")]
    refused(households(api, staff, building="one"), 422)
    refused(households(api, staff, building=0), 422)
    refused(households(api, staff, building=10**20), 422)


@pytest.mark.parametrize("n", [5, 60])
def test_household_list_queries_are_constant(api, db, n, django_assert_max_num_queries):
    tree = make_tree("q", buildings=1, per_building=n)
    staff = grant(make_person("q_staff"), "committee_staff", neighborhood=tree.neighborhood)
    for i, home in enumerate(tree.buildings[0].homes):
        make_person(f"q{i}a", home)
        make_person(f"q{i}b", home)
    api.login(staff)
    # session, person, roles, neighborhood, count, page, residents of the page
    with django_assert_max_num_queries(7):
        body = households(api, staff, slug="q").json()
    assert body["count"] == n and len(body["items"]) == min(n, 50)
    assert all(len(h["residents"]) == 2 for h in body["items"])


# --- /households/{id} ---------------------------------------------------------------


def household(api, person, home):
    return api("get", f"/households/{home if isinstance(home, int) else home.pk}", person)


def test_household_needs_sign_in(api, people, tree):
    refused(household(api, None, tree.buildings[0].homes[0]), 401)


def test_own_household(api, people, tree):
    home = tree.buildings[0].homes[0]
    body = household(api, people["resident"], home).json()
    assert (body["id"], body["building"], body["room"]) == (home.pk, "1", "101")
    assert [p["username"] for p in body["residents"]] == ["resident", "housemate"]


def test_resident_asking_for_another_household_is_refused(api, people, tree):
    refused(household(api, people["resident"], tree.buildings[0].homes[1]), 403)
    refused(household(api, people["unverified"], tree.buildings[0].homes[0]), 403)


def test_leader_sees_own_building_only(api, people, tree):
    assert (
        household(api, people["leader"], tree.buildings[0].homes[1]).json()["residents"][0][
            "username"
        ]
        == "neighbour"
    )
    refused(household(api, people["leader"], tree.buildings[1].homes[0]), 403)


def test_committee_sees_its_neighborhood_only(api, people, tree, other_tree):
    assert (
        household(api, people["staff"], tree.buildings[1].homes[0]).json()["residents"][0][
            "username"
        ]
        == "far_resident"
    )
    refused(household(api, people["other_staff"], tree.buildings[1].homes[0]), 403)
    refused(household(api, people["staff"], other_tree.buildings[0].homes[0]), 403)


def test_unknown_or_malformed_household(api, people):
    refused(household(api, people["staff"], 999_999), 404)
    refused(household(api, people["staff"], 0), 422)
    refused(household(api, people["staff"], 10**20), 422)
    refused(api("get", "/households/abc", people["staff"]), 422)


# --- POST /households/{id}/invitation-code --------------------------------------------


def issue(api, person, home, **kwargs):
    return api("post", f"/households/{home.pk}/invitation-code", person, **kwargs)


def test_invitation_code_is_shown_once_and_only_its_hash_is_stored(api, people, tree):
    home = tree.buildings[1].homes[0]
    response = issue(api, people["staff"], home)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["household_id"] == home.pk and body["expires_at"]
    code = body["code"]
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", code)
    [stored] = InvitationCode.objects.filter(household=home)
    assert stored.code_hash == hash_code(code) and stored.created_by == people["staff"]
    assert code not in repr(list(InvitationCode.objects.values_list()))
    assert stored.expires_at.isoformat() == body["expires_at"]
    # Nothing ever shows it again; a new request issues a new code and withdraws the old one.
    assert code not in household(api, people["staff"], home).content.decode()
    again = issue(api, people["secretary"], home).json()["code"]
    assert again != code
    stored.refresh_from_db()
    assert stored.revoked_at is not None
    assert InvitationCode.objects.get(household=home, revoked_at=None).code_hash == hash_code(again)


def test_invitation_code_without_csrf_token_is_refused(api, people, tree):
    home = tree.buildings[1].homes[0]
    body = refused(issue(api, people["staff"], home, csrf=False), 403)
    assert (
        "CSRF" in body["detail"] and body["detail"] != "CSRF check Failed"
    )  # Django's translated wording
    assert not InvitationCode.objects.exists()


def test_invitation_code_needs_sign_in(api, people, tree):
    refused(issue(api, None, tree.buildings[0].homes[0]), 401)


@pytest.mark.parametrize("who", ["resident", "street_staff", "other_staff", "owners"])
def test_invitation_code_is_for_the_committee(api, people, tree, who):
    refused(issue(api, people[who], tree.buildings[0].homes[0]), 403)
    assert not InvitationCode.objects.exists()


def test_invitation_code_by_a_building_leader_for_their_own_building_only(api, people, tree):
    """The letters tell residents to ask their building leader (leader leads building 1)."""
    refused(issue(api, people["leader"], tree.buildings[1].homes[0]), 403)
    assert not InvitationCode.objects.exists()
    assert issue(api, people["leader"], tree.buildings[0].homes[2]).status_code == 201
    assert InvitationCode.objects.filter(household=tree.buildings[0].homes[2]).count() == 1


def test_invitation_code_unknown_household(api, people):
    refused(api("post", "/households/999999/invitation-code", people["staff"]), 404)


# --- the OpenAPI document -------------------------------------------------------------


def test_errors_are_documented(api, db):
    doc = api("get", "/openapi.json").json()
    assert doc["components"]["schemas"]["Error"]["required"] == ["detail"]
    responses = {
        (method, path): set(operation["responses"])
        for path, operations in doc["paths"].items()
        for method, operation in operations.items()
    }
    assert responses[("get", f"{API}/neighborhoods")] == {"200", "403", "404", "422"}
    assert responses[("get", f"{API}/neighborhoods/{{slug}}/households")] == {
        "200",
        "401",
        "403",
        "404",
        "422",
    }
    assert responses[("post", f"{API}/households/{{household_id}}/invitation-code")] == {
        "201",
        "401",
        "403",
        "404",
        "422",
    }
    assert responses[("get", f"{API}/me")] == {"200", "401", "403", "404"}
