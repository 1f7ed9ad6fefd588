"""Street roles are granted in the app: the head of the street office (appointed by an
administrator) grants and removes street staff of that street, never a role as high as
their own, never their own; street staff grant nothing. Street staff are never asked to
apply for verification as residents."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from linli.audit.models import AuditEntry
from linli.community import actions
from linli.community.models import Role, Street
from linli.community.predicates import STREET_RANK, is_street_staff
from linli.community.testing import grant, make_person

K = Role.Kind


@pytest.fixture
def head(people, tree):
    return grant(make_person("street_head"), K.STREET_HEAD, street=tree.street)


def test_the_head_ranks_above_street_staff():
    assert STREET_RANK[K.STREET_HEAD] > STREET_RANK[K.STREET_STAFF]


def test_the_head_grants_street_staff_on_the_page_and_it_is_audited(login, people, head, tree):
    c = login(head)
    url = reverse("community:street-role-list", args=[tree.street.pk])
    page = c.get(url).content.decode()
    assert 'value="street_staff"' in page and 'value="street_head"' not in page
    response = c.post(url, {"username": "neighbour", "kind": K.STREET_STAFF})
    assert response.status_code == 302
    role = Role.objects.get(person=people["neighbour"], kind=K.STREET_STAFF)
    assert role.street_id == tree.street.pk and role.granted_by_id == head.pk
    assert AuditEntry.objects.filter(
        action="community.role_grant", actor=head, subject=people["neighbour"]
    ).exists()
    people["neighbour"].__dict__.pop("_linli_roles", None)
    assert is_street_staff(people["neighbour"], tree.neighborhood)


def test_the_head_grants_no_head_role_and_none_to_themselves(people, head, tree, login):
    with pytest.raises(PermissionDenied):
        actions.role_grant(
            person=people["neighbour"], kind=K.STREET_HEAD, street=tree.street, actor=head
        )
    with pytest.raises(PermissionDenied):
        actions.role_grant(person=head, kind=K.STREET_STAFF, street=tree.street, actor=head)
    response = login(head).post(
        reverse("community:street-role-list", args=[tree.street.pk]),
        {"username": "neighbour", "kind": K.STREET_HEAD},
    )
    assert response.status_code == 200  # the form refuses a choice it does not offer
    assert not Role.objects.filter(person=people["neighbour"]).exists()
    assert not Role.objects.filter(person=head, kind=K.STREET_STAFF).exists()


def test_the_head_removes_street_staff_but_not_their_own_role(people, head, tree, login):
    c = login(head)
    staff_role = Role.objects.get(person=people["street_staff"], kind=K.STREET_STAFF)
    own = Role.objects.get(person=head, kind=K.STREET_HEAD)
    assert c.post(reverse("community:street-role-revoke", args=[own.pk])).status_code == 403
    assert Role.objects.filter(pk=own.pk).exists()
    response = c.post(reverse("community:street-role-revoke", args=[staff_role.pk]))
    assert response.status_code == 302 and not Role.objects.filter(pk=staff_role.pk).exists()
    assert AuditEntry.objects.filter(action="community.role_revoke", actor=head).exists()


@pytest.mark.parametrize("who", ["street_staff", "secretary", "resident", "other_staff"])
def test_others_grant_no_street_role(people, tree, login, who):
    c = login(people[who])
    url = reverse("community:street-role-list", args=[tree.street.pk])
    assert c.get(url).status_code == 403
    assert c.post(url, {"username": "neighbour", "kind": K.STREET_STAFF}).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.role_grant(
            person=people["neighbour"], kind=K.STREET_STAFF, street=tree.street, actor=people[who]
        )
    assert not Role.objects.filter(person=people["neighbour"]).exists()


def test_the_head_of_another_street_grants_nothing_here(people, tree):
    elsewhere = Street.objects.create(name="别的街道")
    other_head = grant(make_person("other_head"), K.STREET_HEAD, street=elsewhere)
    with pytest.raises(PermissionDenied):
        actions.role_grant(
            person=people["neighbour"], kind=K.STREET_STAFF, street=tree.street, actor=other_head
        )
    assert not Role.objects.filter(person=people["neighbour"]).exists()


def test_an_administrator_appoints_the_head(people, tree):
    admin = make_person("root")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    role = actions.role_grant(
        person=people["neighbour"], kind=K.STREET_HEAD, street=tree.street, actor=admin
    )
    assert role.kind == K.STREET_HEAD and role.neighborhood_id is None


def test_street_staff_are_not_asked_to_get_verified(people, login, tree):
    c = login(people["street_staff"])
    home = c.get("/").content.decode()
    profile = c.get(reverse("community:profile")).content.decode()
    ask = reverse("community:verification-request")
    assert ask not in home and ask not in profile
    assert c.get(ask).status_code == 403
    # An unverified resident still is.
    assert ask in login(people["unverified"]).get("/").content.decode()
