"""Who sees which profile, and who sees contact details."""

import pytest

from linli.talent import actions
from linli.talent.models import TalentProfile


@pytest.mark.parametrize(
    "who,designer,lawyer",
    [
        ("staff", True, True),
        ("secretary", True, True),
        ("resident", True, False),
        ("housemate", True, False),
        ("leader", True, False),
        ("neighbour", True, False),
        ("far_resident", True, True),
        ("owners", True, False),
        ("property", False, False),
        ("street_staff", False, False),
        ("other_staff", False, False),
        ("unverified", False, False),
        ("anonymous", False, False),
    ],
)
def test_view_profile(people, talents, who, designer, lawyer):
    assert people[who].has_perm("talent.view_profile", talents["designer"]) is designer
    assert people[who].has_perm("talent.view_profile", talents["lawyer"]) is lawyer


@pytest.mark.parametrize(
    "who",
    [
        "resident",
        "leader",
        "owners",
        "property",
        "neighbour",
        "street_staff",
        "other_staff",
        "anonymous",
    ],
)
def test_contact_is_never_for_residents_or_others(people, talents, who):
    assert not people[who].has_perm("talent.view_contact", talents["designer"])


def test_staff_see_contact_only_where_allowed_and_while_consent_holds(people, talents):
    staff = people["staff"]
    assert staff.has_perm("talent.view_contact", talents["designer"])
    assert not staff.has_perm("talent.view_contact", talents["lawyer"])
    actions.profile_withdraw(person=people["neighbour"])
    assert not staff.has_perm(
        "talent.view_contact", TalentProfile.objects.get(pk=talents["designer"].pk)
    )
