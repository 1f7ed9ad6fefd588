"""Every staff action of the foundation that changes someone else's data is in the audit log."""

import pytest
from django.urls import reverse

from linli.audit.models import AuditEntry
from linli.community import actions
from linli.community.imports import household_import
from linli.community.models import Role


def test_verification_by_hand_is_audited(people, tree):
    actions.resident_verify(
        resident=people["unverified"], household=tree.buildings[0].homes[2], actor=people["staff"]
    )
    entry = AuditEntry.objects.get(action="community.resident_verify")
    assert entry.actor == people["staff"] and entry.subject == people["unverified"]
    assert entry.before == {"household": None} and entry.after == {
        "household": tree.buildings[0].homes[2].pk
    }
    assert entry.neighborhood == tree.neighborhood


def test_rejection_and_unverify_are_audited(people, tree):
    request = actions.verification_request_create(
        resident=people["unverified"], building=tree.buildings[0], unit="1", room="301"
    )
    actions.verification_request_decide(
        request=request, approve=False, actor=people["staff"], reason="查无此人"
    )
    actions.resident_unverify(resident=people["neighbour"], actor=people["secretary"])
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "community.verification_reject",
        "community.resident_unverify",
    }


def test_import_is_audited_with_before_and_after(people, tree):
    household_import(
        compound=tree.compound,
        data=b"building,unit,room,area\n1,1,101,99\n9,1,101,70\n",
        filename="h.csv",
        actor=people["staff"],
    )
    entry = AuditEntry.objects.get(action="community.household_import")
    assert entry.after == {"created": 1, "updated": 1, "buildings_created": 1}
    assert entry.before["changed"][0]["area"] == "81.50"


def test_role_changes_are_audited(people, tree):
    role = actions.role_grant(
        person=people["neighbour"],
        kind=Role.Kind.COMMITTEE_STAFF,
        neighborhood=tree.neighborhood,
        actor=people["secretary"],
    )
    actions.role_revoke(role=role, actor=people["secretary"])
    assert list(AuditEntry.objects.order_by("id").values_list("action", "subject__username")) == [
        ("community.role_grant", "neighbour"),
        ("community.role_revoke", "neighbour"),
    ]


def test_code_printing_is_audited(people, tree):
    actions.invitation_generate(households=tree.buildings[0].homes, actor=people["staff"])
    actions.invitation_revoke(household=tree.buildings[0].homes[0], actor=people["staff"])
    assert AuditEntry.objects.get(action="community.invitation_generate").after == {"households": 4}
    assert AuditEntry.objects.filter(action="community.invitation_revoke").count() == 1


def test_a_persons_own_changes_are_not_audited(people):
    actions.profile_update(resident=people["resident"], display_name="x", phone="", language="en")
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "who,status",
    [
        ("secretary", 200),
        ("staff", 403),
        ("leader", 403),
        ("resident", 403),
        ("street_staff", 403),
        ("other_staff", 403),
    ],
)
def test_log_is_for_the_secretary(login, people, tree, who, status):
    assert (
        login(people[who])
        .get(reverse("audit:audit-log", args=[tree.neighborhood.slug]))
        .status_code
        == status
    )


def test_log_is_searchable(login, people, tree):
    actions.resident_verify(
        resident=people["unverified"], household=tree.buildings[0].homes[2], actor=people["staff"]
    )
    actions.role_grant(
        person=people["neighbour"],
        kind=Role.Kind.COMMITTEE_STAFF,
        neighborhood=tree.neighborhood,
        actor=people["secretary"],
    )
    c = login(people["secretary"])
    url = reverse("audit:audit-log", args=[tree.neighborhood.slug])
    assert c.get(url, {"q": "unverified"}).content.decode().count("<tr>") == 2  # header + one row
    assert c.get(url, {"action": "community.role_grant"}).content.decode().count("<tr>") == 2
    api = c.get(f"/api/v1/audit/neighborhoods/{tree.neighborhood.slug}", {"q": "neighbour"}).json()
    assert api["count"] == 1 and api["items"][0]["action"] == "community.role_grant"


def test_residents_see_entries_about_themselves_only(login, people, tree):
    actions.resident_verify(
        resident=people["unverified"], household=tree.buildings[0].homes[2], actor=people["staff"]
    )
    actions.role_grant(
        person=people["neighbour"],
        kind=Role.Kind.COMMITTEE_STAFF,
        neighborhood=tree.neighborhood,
        actor=people["secretary"],
    )
    mine = login(people["unverified"]).get(reverse("audit:audit-mine")).content.decode()
    assert mine.count("<tr>") == 2
    assert login(people["unverified"]).get("/api/v1/audit/me").json()["count"] == 1
    assert (
        login(people["unverified"])
        .get(f"/api/v1/audit/neighborhoods/{tree.neighborhood.slug}")
        .status_code
        == 403
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_log_shows_before_and_after_as_names_and_local_times(login, people, tree, language):
    from linli.audit.actions import audit_record

    audit_record(
        actor=people["secretary"],
        action="community.role_grant",
        neighborhood=tree.neighborhood,
        subject=people["neighbour"],
        before={"kind": "staff", "closes_at": "2026-12-05T07:30:00+00:00"},
        after={"kind": "building_leader", "buildings": [1, 2]},
    )
    c = login(people["secretary"])
    c.cookies["django_language"] = language
    page = c.get(reverse("audit:audit-log", args=[tree.neighborhood.slug])).content.decode()
    assert "{&#x27;" not in page and "{'" not in page  # no Python dict
    assert "15:30" in page or "3:30 PM" in page  # 07:30 UTC is 15:30 in Shanghai
    assert "07:30" not in page and "T07" not in page
    assert "<dt>" in page and "building_leader" in page


def test_my_data_page_shows_names_and_local_times_not_dicts(login, people):
    page = login(people["resident"]).get(reverse("community:my-data")).content.decode()
    assert "{&#x27;" not in page and "[{" not in page
    assert "+00:00" not in page and "T0" not in page
