"""Roles are granted only within one's own authority, never to oneself, and always audited.

The order of roles in a neighborhood (community/predicates.py ROLE_RANK):
secretary > committee staff > building leader, owners' committee, property manager.
Only the secretary grants, and only roles below their own; street staff are not committee
of a neighborhood and grant nothing in it; street staff and secretaries are appointed by an
administrator.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from linli.audit.models import AuditEntry
from linli.community import actions
from linli.community.models import Role

K = Role.Kind


def test_the_order_of_roles_is_secretary_then_committee_staff_then_the_rest():
    from linli.community.predicates import ROLE_RANK

    assert ROLE_RANK[K.SECRETARY] > ROLE_RANK[K.COMMITTEE_STAFF]
    for kind in (K.BUILDING_LEADER, K.OWNERS_COMMITTEE, K.PROPERTY_MANAGER):
        assert ROLE_RANK[K.COMMITTEE_STAFF] > ROLE_RANK[kind]
    assert K.STREET_STAFF not in ROLE_RANK


def test_street_staff_cannot_make_themselves_committee_staff_through_the_roles_page(
    login, people, tree
):
    c = login(people["street_staff"])
    url = reverse("community:role-list", args=[tree.neighborhood.slug])
    response = c.post(url, {"username": "street_staff", "kind": K.COMMITTEE_STAFF})
    assert response.status_code == 403
    assert not Role.objects.filter(person=people["street_staff"], kind=K.COMMITTEE_STAFF).exists()
    households = reverse("community:household-list", args=[tree.neighborhood.slug])
    assert login(people["street_staff"]).get(households).status_code == 403


@pytest.mark.parametrize("kind", [K.COMMITTEE_STAFF, K.SECRETARY, K.BUILDING_LEADER])
def test_street_staff_grant_no_neighborhood_role_to_anyone(people, tree, kind):
    with pytest.raises(PermissionDenied):
        actions.role_grant(
            person=people["neighbour"],
            kind=kind,
            neighborhood=tree.neighborhood,
            building=tree.buildings[0] if kind == K.BUILDING_LEADER else None,
            actor=people["street_staff"],
        )
    assert not Role.objects.filter(person=people["neighbour"]).exists()


def test_nobody_grants_a_role_to_themselves_not_even_the_secretary(login, people, tree):
    with pytest.raises(PermissionDenied):
        actions.role_grant(
            person=people["secretary"],
            kind=K.BUILDING_LEADER,
            building=tree.buildings[1],
            actor=people["secretary"],
        )
    c = login(people["secretary"])
    url = reverse("community:role-list", args=[tree.neighborhood.slug])
    response = c.post(
        url,
        {"username": "secretary", "kind": K.BUILDING_LEADER, "building": tree.buildings[1].pk},
    )
    assert response.status_code == 200  # the form says why, nothing changes
    assert "yourself" in response.content.decode() or "自己" in response.content.decode()
    assert not Role.objects.filter(person=people["secretary"], kind=K.BUILDING_LEADER).exists()


def test_an_administrator_grants_no_role_to_themselves(people, tree):
    from linli.community.testing import make_person

    admin = make_person("root")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    with pytest.raises(PermissionDenied):
        actions.role_grant(
            person=admin, kind=K.SECRETARY, neighborhood=tree.neighborhood, actor=admin
        )
    with pytest.raises(PermissionDenied):
        actions.role_grant(person=admin, kind=K.STREET_STAFF, street=tree.street, actor=admin)
    assert not Role.objects.filter(person=admin).exists()
    role = actions.role_grant(
        person=people["neighbour"], kind=K.SECRETARY, neighborhood=tree.neighborhood, actor=admin
    )
    assert role.kind == K.SECRETARY


def test_nobody_removes_their_own_role(login, people, tree):
    own = Role.objects.get(person=people["secretary"], kind=K.COMMITTEE_STAFF)
    with pytest.raises(PermissionDenied):
        actions.role_revoke(role=own, actor=people["secretary"])
    c = login(people["secretary"])
    response = c.post(reverse("community:role-revoke", args=[own.pk]))
    assert response.status_code == 403
    assert Role.objects.filter(pk=own.pk).exists()


def test_the_secretary_grants_no_role_at_or_above_their_own(people, tree):
    with pytest.raises(PermissionDenied):
        actions.role_grant(
            person=people["neighbour"],
            kind=K.SECRETARY,
            neighborhood=tree.neighborhood,
            actor=people["secretary"],
        )
    assert not Role.objects.filter(person=people["neighbour"]).exists()


def test_the_secretary_removes_no_other_secretary(people, tree):
    from linli.community.testing import grant

    grant(people["neighbour"], K.SECRETARY, neighborhood=tree.neighborhood)
    other = Role.objects.get(person=people["neighbour"], kind=K.SECRETARY)
    with pytest.raises(PermissionDenied):
        actions.role_revoke(role=other, actor=people["secretary"])
    assert Role.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("actor", ["staff", "leader", "owners", "property", "other_staff"])
def test_no_one_below_the_secretary_grants_roles_through_the_page(login, people, tree, actor):
    url = reverse("community:role-list", args=[tree.neighborhood.slug])
    response = login(people[actor]).post(url, {"username": "neighbour", "kind": K.OWNERS_COMMITTEE})
    assert response.status_code == 403
    assert not Role.objects.filter(person=people["neighbour"]).exists()


def test_the_secretary_grants_roles_below_their_own(login, people, tree):
    c = login(people["secretary"])
    url = reverse("community:role-list", args=[tree.neighborhood.slug])
    for kind in (K.COMMITTEE_STAFF, K.OWNERS_COMMITTEE, K.PROPERTY_MANAGER):
        assert c.post(url, {"username": "neighbour", "kind": kind}).status_code == 302
    assert set(Role.objects.filter(person=people["neighbour"]).values_list("kind", flat=True)) == {
        K.COMMITTEE_STAFF,
        K.OWNERS_COMMITTEE,
        K.PROPERTY_MANAGER,
    }


def test_every_grant_and_removal_is_audited_with_who_did_it(login, people, tree):
    c = login(people["secretary"])
    url = reverse("community:role-list", args=[tree.neighborhood.slug])
    c.post(url, {"username": "neighbour", "kind": K.COMMITTEE_STAFF})
    role = Role.objects.get(person=people["neighbour"], kind=K.COMMITTEE_STAFF)
    c.post(reverse("community:role-revoke", args=[role.pk]))
    entries = list(
        AuditEntry.objects.filter(subject=people["neighbour"])
        .order_by("pk")
        .values_list("action", "actor_id", "neighborhood_id")
    )
    assert entries == [
        ("community.role_grant", people["secretary"].pk, tree.neighborhood.pk),
        ("community.role_revoke", people["secretary"].pk, tree.neighborhood.pk),
    ]


def test_a_role_change_is_audited_even_when_actor_and_subject_are_one(people, tree):
    """Defence in depth: should a self-grant ever pass, the log still shows it."""
    from linli.audit.actions import audit_record

    role = Role.objects.get(person=people["secretary"], kind=K.COMMITTEE_STAFF)
    entry = audit_record(
        actor=people["secretary"],
        action="community.role_grant",
        target=role,
        subject=people["secretary"],
        neighborhood=tree.neighborhood,
        always=True,
    )
    assert entry is not None and entry.actor_id == people["secretary"].pk


def test_the_grant_form_offers_only_the_roles_one_may_grant(login, people, tree):
    from linli.community.predicates import grantable_kinds

    assert grantable_kinds(people["secretary"], tree.neighborhood) == {
        K.COMMITTEE_STAFF,
        K.BUILDING_LEADER,
        K.OWNERS_COMMITTEE,
        K.PROPERTY_MANAGER,
    }
    for name in ("staff", "leader", "street_staff", "resident", "other_staff"):
        assert grantable_kinds(people[name], tree.neighborhood) == set()
    page = (
        login(people["secretary"])
        .get(reverse("community:role-list", args=[tree.neighborhood.slug]))
        .content.decode()
    )
    assert 'value="committee_staff"' in page
    assert 'value="secretary"' not in page and 'value="street_staff"' not in page


def test_the_role_page_offers_removal_only_where_allowed(login, people, tree):
    page = (
        login(people["secretary"])
        .get(reverse("community:role-list", args=[tree.neighborhood.slug]))
        .content.decode()
    )
    own = Role.objects.filter(person=people["secretary"]).values_list("pk", flat=True)
    for pk in own:
        assert reverse("community:role-revoke", args=[pk]) not in page
    leader = Role.objects.get(person=people["leader"])
    assert reverse("community:role-revoke", args=[leader.pk]) in page


def test_the_api_has_no_way_to_grant_roles(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        if "role" in path.lower():
            assert set(operations) <= {"get"}, path


def test_roles_added_and_deleted_in_the_django_admin_go_through_the_actions(client, people, tree):
    from linli.community.testing import make_person

    admin = make_person("root")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    add = reverse("admin:community_role_add")
    response = client.post(
        add,
        {
            "person": people["neighbour"].pk,
            "kind": K.SECRETARY,
            "neighborhood": tree.neighborhood.pk,
        },
    )
    assert response.status_code == 302
    role = Role.objects.get(person=people["neighbour"], kind=K.SECRETARY)
    assert AuditEntry.objects.filter(
        action="community.role_grant", actor=admin, subject=people["neighbour"]
    ).exists()
    own = client.post(add, {"person": admin.pk, "kind": K.STREET_STAFF, "street": tree.street.pk})
    assert own.status_code == 403 and not Role.objects.filter(person=admin).exists()
    client.post(reverse("admin:community_role_delete", args=[role.pk]), {"post": "yes"})
    assert not Role.objects.filter(pk=role.pk).exists()
    assert AuditEntry.objects.filter(action="community.role_revoke", actor=admin).exists()
