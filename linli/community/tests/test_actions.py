"""Invitation codes, sign-up, verification and roles: the writes behind the foundation."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from linli.community import actions
from linli.community.models import (
    InvitationCode,
    Neighborhood,
    Resident,
    Role,
    VerificationRequest,
    hash_code,
)


def signup(code="", username="newbie", ip="10.0.0.1", **extra):
    return actions.resident_signup(
        username=username, password="a-long-test-password", code=code, client_ip=ip, **extra
    )


@pytest.fixture
def code(home, people):
    return actions.invitation_generate(households=[home], actor=people["staff"])[0].code


def test_invitation_code_is_stored_only_as_a_hash(code, home):
    stored = InvitationCode.objects.get(household=home)
    assert stored.code_hash == hash_code(code)
    assert code.replace("-", "") not in stored.code_hash
    assert len(code) == 12 and code[4] == "-" and code[9] == "-"


def test_signup_with_valid_code_joins_household_verified(code, home):
    before = Neighborhood.objects.get(pk=home.neighborhood_id).resident_count
    person = signup(code)
    assert person.household == home and person.is_verified
    invitation = InvitationCode.objects.get(household=home)
    assert invitation.used_by == person and invitation.status == "used"
    home.building.refresh_from_db()
    assert Neighborhood.objects.get(pk=home.neighborhood_id).resident_count == before + 1


def test_code_is_read_forgivingly_from_paper(code, home):
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert signup(typed).household == home


def test_wrong_code_is_refused_and_creates_nobody(tree):
    with pytest.raises(ValidationError) as error:
        signup("ABCD-EFGH-JK")
    assert error.value.code == "invalid"
    assert not Resident.objects.filter(username="newbie").exists()


def test_malformed_code_is_explained(tree):
    with pytest.raises(ValidationError) as error:
        signup("123")
    assert error.value.code == "malformed"


def test_reused_code_is_refused(code):
    signup(code, username="first")
    with pytest.raises(ValidationError) as error:
        signup(code, username="second")
    assert error.value.code == "used"
    assert not Resident.objects.filter(username="second").exists()


def test_revoked_code_is_refused(code, home, people):
    assert actions.invitation_revoke(household=home, actor=people["staff"]) == 1
    with pytest.raises(ValidationError) as error:
        signup(code)
    assert error.value.code == "revoked"


def test_new_letter_withdraws_the_old_code(code, home, people):
    newer = actions.invitation_generate(households=[home], actor=people["staff"])[0].code
    with pytest.raises(ValidationError):
        signup(code, username="old")
    assert signup(newer, username="new").household == home


def test_expired_code_is_refused(code, home):
    InvitationCode.objects.filter(household=home).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as error:
        signup(code)
    assert error.value.code == "expired"


def test_guessing_is_rate_limited_per_address(code, settings):
    limit = settings.LINLI["INVITATION_GUESSES_PER_HOUR"]
    for n in range(limit):
        with pytest.raises(ValidationError):
            signup(f"ZZZZ-ZZZZ-Z{n % 10}", username=f"g{n}")
    # Even the right code is refused from that address now; another address is not affected.
    with pytest.raises(ValidationError) as error:
        signup(code, username="guesser")
    assert error.value.code == "rate_limited"
    assert signup(code, username="honest", ip="10.0.0.2").is_verified


def test_signup_without_code_is_unverified(tree):
    person = signup("")
    assert person.household is None and not person.is_verified


def test_signup_refuses_taken_username_and_weak_password(people):
    with pytest.raises(ValidationError):
        signup(username="RESIDENT")
    with pytest.raises(ValidationError):
        actions.resident_signup(username="weak", password="123", client_ip="1.1.1.1")
    assert not Resident.objects.filter(username="weak").exists()


def test_verification_request_and_approval(people, tree):
    b1 = tree.buildings[0]
    request = actions.verification_request_create(
        resident=people["unverified"], building=b1, unit="1", room="301"
    )
    with pytest.raises(ValidationError):
        actions.verification_request_create(
            resident=people["unverified"], building=b1, unit="1", room="301"
        )
    with pytest.raises(PermissionDenied):
        actions.verification_request_decide(
            request=request, approve=True, actor=people["far_resident"]
        )
    actions.verification_request_decide(request=request, approve=True, actor=people["leader"])
    person = Resident.objects.get(pk=people["unverified"].pk)
    assert person.household == b1.homes[2] and person.is_verified
    assert VerificationRequest.objects.get(pk=request.pk).status == "approved"


def test_verification_rejection_needs_a_reason(people, tree):
    request = actions.verification_request_create(
        resident=people["unverified"], building=tree.buildings[1], unit="1", room="101"
    )
    with pytest.raises(ValidationError):
        actions.verification_request_decide(
            request=request, approve=False, actor=people["staff"], reason=" "
        )
    actions.verification_request_decide(
        request=request, approve=False, actor=people["staff"], reason="不是本楼住户"
    )
    request.refresh_from_db()
    assert request.status == "rejected" and request.reason == "不是本楼住户"


def test_approval_of_unknown_address_changes_nothing(people, tree):
    request = actions.verification_request_create(
        resident=people["unverified"], building=tree.buildings[0], unit="9", room="999"
    )
    with pytest.raises(ValidationError):
        actions.verification_request_decide(request=request, approve=True, actor=people["staff"])
    assert not Resident.objects.get(pk=people["unverified"].pk).is_verified
    assert VerificationRequest.objects.get(pk=request.pk).status == "pending"


def test_building_leader_cannot_verify_into_another_building(people, tree):
    with pytest.raises(PermissionDenied):
        actions.resident_verify(
            resident=people["unverified"],
            household=tree.buildings[1].homes[0],
            actor=people["leader"],
        )
    assert not Resident.objects.get(pk=people["unverified"].pk).is_verified


def test_secretary_grants_and_revokes_roles(people, tree):
    role = actions.role_grant(
        person=people["neighbour"],
        kind=Role.Kind.BUILDING_LEADER,
        building=tree.buildings[0],
        actor=people["secretary"],
    )
    assert role.neighborhood == tree.neighborhood
    with pytest.raises(ValidationError):
        actions.role_grant(
            person=people["neighbour"],
            kind=Role.Kind.BUILDING_LEADER,
            building=tree.buildings[0],
            actor=people["secretary"],
        )
    actions.role_revoke(role=role, actor=people["secretary"])
    assert not Role.objects.filter(pk=role.pk).exists()


@pytest.mark.parametrize(
    "actor", ["staff", "leader", "resident", "other_staff", "owners", "street_staff"]
)
def test_only_the_secretary_changes_roles(people, tree, actor):
    """Street staff too are refused: they are not committee of the neighborhood (test_roles.py)."""
    with pytest.raises(PermissionDenied):
        actions.role_grant(
            person=people["neighbour"],
            kind=Role.Kind.COMMITTEE_STAFF,
            neighborhood=tree.neighborhood,
            actor=people[actor],
        )
    assert not Role.objects.filter(person=people["neighbour"]).exists()


def test_counters_follow_verification(people, tree):
    actions.counters_refresh(neighborhood=tree.neighborhood)
    nb = Neighborhood.objects.get(pk=tree.neighborhood.pk)
    verified = Resident.objects.filter(
        household__neighborhood=nb, verified_at__isnull=False
    ).count()
    assert nb.household_count == 8 and nb.resident_count == verified
    actions.resident_verify(
        resident=people["unverified"], household=tree.buildings[1].homes[0], actor=people["staff"]
    )
    nb.refresh_from_db()
    assert nb.resident_count == verified + 1
    actions.resident_unverify(resident=people["unverified"], actor=people["staff"])
    nb.refresh_from_db()
    assert nb.resident_count == verified


@pytest.mark.parametrize("scope", ["neighborhood", "building", "street"])
def test_the_database_refuses_the_same_role_twice(people, tree, scope):
    from django.db import IntegrityError, transaction

    person = people["neighbour"]
    kwargs = {
        "neighborhood": dict(kind=Role.Kind.COMMITTEE_STAFF, neighborhood=tree.neighborhood),
        "building": dict(
            kind=Role.Kind.BUILDING_LEADER,
            neighborhood=tree.neighborhood,
            building=tree.buildings[0],
        ),
        "street": dict(kind=Role.Kind.STREET_STAFF, street=tree.street),
    }[scope]
    Role.objects.create(person=person, **kwargs)
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(person=person, **kwargs)
