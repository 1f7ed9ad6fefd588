"""PIPL: a person downloads everything held about them, and can delete their account."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from linli.audit.models import AuditEntry
from linli.community import actions
from linli.community.models import Household, Neighborhood, Resident, Role
from linli.notify.actions import notify
from linli.notify.models import Notification
from linli.stats.actions import points_award


@pytest.fixture
def history(people, tree):
    alice = people["resident"]
    alice.email = "alice@example.org"
    alice.save()
    notify(
        recipients=[alice],
        kind="community.role_granted",
        params={"role": "building_leader", "neighborhood": "nb"},
    )
    actions.role_grant(
        person=alice,
        kind=Role.Kind.BUILDING_LEADER,
        building=tree.buildings[0],
        actor=people["secretary"],
    )
    return alice


def test_export_contains_everything_held(history, tree):
    data = actions.resident_export(person=history)
    assert (
        data["account"]["real_name"] == "张三"
        and data["account"]["phone"] == "13811112222"
        and data["account"]["email"] == "alice@example.org"
    )
    assert data["household"]["room"] == "101" and data["household"]["area_m2"] == "81.50"
    assert data["roles"] == [
        {"role": "building_leader", "neighborhood": tree.neighborhood.name, "building": "1"}
    ]
    assert len(data["notifications"]) == 2  # the one above and the role grant
    assert data["audit_entries_about_me"][0]["action"] == "community.role_grant"


def test_export_page_and_json_download(login, history):
    c = login(history)
    assert "张三" in c.get(reverse("community:my-data")).content.decode()
    response = c.get(reverse("community:my-data"), {"format": "json"})
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["account"]["username"] == "resident"


def test_export_is_only_ever_ones_own(login, history, people):
    body = (
        login(people["neighbour"])
        .get(reverse("community:my-data"), {"format": "json"})
        .content.decode()
    )
    assert "张三" not in body and "13811112222" not in body


def test_deletion_anonymises_and_keeps_household_and_public_record(history, people, tree, password):
    home = history.household
    before = Neighborhood.objects.get(pk=tree.neighborhood.pk).resident_count
    actions.resident_delete(person=history, password=password)
    person = Resident.objects.get(pk=history.pk)
    assert (
        person.username == f"deleted-{person.pk}"
        and person.real_name == ""
        and person.phone == ""
        and person.email == ""
    )
    assert person.household is None and not person.is_active and not person.has_usable_password()
    assert str(person.public_name) in ("former resident", "已注销用户")
    assert Household.objects.filter(pk=home.pk).exists()
    assert not Notification.objects.filter(recipient=person).exists()
    assert not Role.objects.filter(person=person).exists()
    assert AuditEntry.objects.filter(subject=person).exists()  # the committee's record stays
    assert Neighborhood.objects.get(pk=tree.neighborhood.pk).resident_count == before - 1


def test_deletion_needs_the_password(history):
    with pytest.raises(ValidationError):
        actions.resident_delete(person=history, password="wrong")
    assert Resident.objects.get(pk=history.pk).real_name == "张三"


def test_deletion_page_signs_out(login, history, password):
    c = login(history)
    response = c.post(reverse("community:account-delete"), {"password": password, "confirm": "on"})
    assert response.status_code == 302
    assert "_auth_user_id" not in c.session
    assert not Resident.objects.get(pk=history.pk).is_active


def test_points_stay_with_the_anonymised_account(history, password):
    points_award(person=history, reason="forum.topic", amount=5, key="t1")
    actions.resident_delete(person=history, password=password)
    from linli.stats.models import Standing

    assert Standing.objects.get(person_id=history.pk).points == 5


def test_deleting_an_account_ends_its_roles_with_an_audit_entry(people, password):
    from linli.audit.models import AuditEntry
    from linli.community.actions import resident_delete
    from linli.community.models import Role

    leader = people["leader"]
    held = Role.objects.get(person=leader)
    resident_delete(person=leader, password=password)
    assert not Role.objects.filter(person=leader).exists()
    entry = AuditEntry.objects.get(action="community.role_revoke", actor=leader)
    assert entry.before["kind"] == Role.Kind.BUILDING_LEADER
    assert entry.neighborhood_id == held.neighborhood_id
