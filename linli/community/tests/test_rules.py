"""Every role × every community permission × every scope, against one expected table."""

import pytest

from linli.community.models import Role

K = Role.Kind

EVERYONE = {
    "secretary",
    "staff",
    "leader",
    "resident",
    "housemate",
    "neighbour",
    "far_resident",
    "owners",
    "property",
    "street_staff",
    "other_staff",
    "unverified",
    "anonymous",
}
COMMITTEE = {"secretary", "staff"}
NO_HOUSEHOLD = {"property", "street_staff", "unverified"}

# permission → scope → who may. Scopes: own_household (resident's, nb building 1), own_building
# (nb building 1), other_building (nb building 2), other_household (nb building 2), neighborhood (nb),
# other_neighborhood, other_household_elsewhere, resident_person (the person "resident").
MATRIX = {
    "community.view_neighborhood": {"neighborhood": EVERYONE, "other_neighborhood": EVERYONE},
    "community.manage_neighborhood": {
        "neighborhood": COMMITTEE | {"street_staff"},
        "other_neighborhood": {"other_staff", "street_staff"},
    },
    "community.view_statistics": {
        "neighborhood": COMMITTEE | {"street_staff"},
        "other_neighborhood": {"other_staff", "street_staff"},
    },
    "community.list_households": {"neighborhood": COMMITTEE, "other_neighborhood": {"other_staff"}},
    "community.list_building_households": {
        "own_building": COMMITTEE | {"leader"},
        "other_building": COMMITTEE,
        "other_neighborhood_building": {"other_staff"},
    },
    "community.view_household": {
        "own_household": COMMITTEE | {"leader", "resident", "housemate"},
        "other_household": COMMITTEE | {"far_resident"},
        "other_household_elsewhere": {"other_staff"},
    },
    "community.view_personal_data": {
        "resident_person": COMMITTEE | {"leader", "resident", "housemate"},
        "far_person": COMMITTEE | {"far_resident"},
        "own_household": COMMITTEE | {"leader", "resident", "housemate"},
    },
    "community.import_households": {
        "neighborhood": COMMITTEE,
        "other_neighborhood": {"other_staff"},
    },
    # A building leader issues and withdraws letters for their own building only.
    "community.manage_invitations": {
        "neighborhood": COMMITTEE,
        "own_building": COMMITTEE | {"leader"},
        "other_building": COMMITTEE,
        "own_household": COMMITTEE | {"leader"},
        "other_household": COMMITTEE,
        "other_household_elsewhere": {"other_staff"},
    },
    "community.open_invitations": {
        "neighborhood": COMMITTEE | {"leader"},
        "other_neighborhood": {"other_staff"},
    },
    "community.open_staff_index": {None: COMMITTEE | {"street_staff", "other_staff"}},
    "community.verify_residents": {
        "own_building": COMMITTEE | {"leader"},
        "other_building": COMMITTEE,
        "own_household": COMMITTEE | {"leader"},
        "other_neighborhood_building": {"other_staff"},
    },
    "community.view_verifications": {
        "neighborhood": COMMITTEE | {"leader"},
        "other_neighborhood": {"other_staff"},
    },
    "community.manage_roles": {"neighborhood": {"secretary"}, "other_neighborhood": set()},
    # Only below one's own rank, never one's own (predicates.ROLE_RANK; tests in test_roles.py).
    "community.grant_role": {
        "new_street_staff_role": set(),
        "new_staff_role": {"secretary"},
        "new_leader_role": {"secretary"},
        "new_secretary_role": set(),
        "own_staff_role": set(),
        "new_role_elsewhere": set(),
    },
    "community.revoke_role": {
        "new_street_staff_role": set(),
        "new_staff_role": {"secretary"},
        "new_leader_role": {"secretary"},
        "new_secretary_role": set(),
        "own_staff_role": set(),
        "new_role_elsewhere": set(),
    },
    # Street staff work for the street, not in a household: never asked to get verified.
    "community.request_verification": {None: NO_HOUSEHOLD - {"street_staff"}},
    # The head of the street office (no role here holds it: test_street_roles.py) grants street staff.
    "community.manage_street_roles": {"street": set()},
    "community.export_own_data": {None: EVERYONE - {"anonymous"}},
    "community.delete_own_account": {None: EVERYONE - {"anonymous"}},
    # The owner register of a compound (per-compound roles: test_owners_permissions.py).
    "community.view_owners": {
        "compound": COMMITTEE | {"owners", "property"},
        "other_compound": {"other_staff"},
    },
    "community.manage_owners": {
        "compound": COMMITTEE | {"owners"},
        "other_compound": {"other_staff"},
    },
    "community.open_owners": {
        "neighborhood": COMMITTEE | {"owners", "property"},
        "other_neighborhood": {"other_staff"},
    },
    "community.read_residents_only": {
        "neighborhood": EVERYONE - {"other_staff", "property", "unverified", "anonymous"},
        "other_neighborhood": {"other_staff", "street_staff"},
    },
}


@pytest.fixture
def scopes(tree, other_tree, people):
    b1, b2 = tree.buildings
    nb = tree.neighborhood
    return {
        None: None,
        "neighborhood": tree.neighborhood,
        "other_neighborhood": other_tree.neighborhood,
        "own_building": b1,
        "other_building": b2,
        "compound": tree.compound,
        "other_compound": other_tree.compound,
        "other_neighborhood_building": other_tree.buildings[0],
        "own_household": b1.homes[0],
        "other_household": b2.homes[0],
        "other_household_elsewhere": other_tree.buildings[0].homes[0],
        "resident_person": people["resident"],
        "far_person": people["far_resident"],
        "street": tree.street,
        "new_street_staff_role": Role(
            person=people["neighbour"], kind=K.STREET_STAFF, street=tree.street
        ),
        "new_staff_role": Role(person=people["neighbour"], kind=K.COMMITTEE_STAFF, neighborhood=nb),
        "new_leader_role": Role(
            person=people["neighbour"], kind=K.BUILDING_LEADER, neighborhood=nb, building=b1
        ),
        "new_secretary_role": Role(person=people["neighbour"], kind=K.SECRETARY, neighborhood=nb),
        "own_staff_role": Role.objects.get(person=people["secretary"], kind=K.COMMITTEE_STAFF),
        "new_role_elsewhere": Role(
            person=people["neighbour"],
            kind=K.COMMITTEE_STAFF,
            neighborhood=other_tree.neighborhood,
        ),
    }


CASES = [(perm, scope) for perm, by_scope in MATRIX.items() for scope in by_scope]


@pytest.mark.parametrize("perm,scope", CASES, ids=[f"{p}@{s}" for p, s in CASES])
def test_permission_matrix(perm, scope, people, scopes):
    allowed = MATRIX[perm][scope]
    obj = scopes[scope]
    got = {name for name, person in people.items() if person.has_perm(perm, obj)}
    assert got == allowed, (
        f"{perm} on {scope}: unexpected {sorted(got - allowed)}, missing {sorted(allowed - got)}"
    )


def test_every_community_permission_is_in_the_matrix():
    import rules

    declared = {name for name in rules.permissions.permissions if name.startswith("community.")}
    assert declared == set(MATRIX)


def test_roles_are_loaded_once_per_user(people, scopes, django_assert_num_queries):
    staff = people["staff"]
    staff.__dict__.pop("_linli_roles", None)
    with django_assert_num_queries(1):
        for _ in range(20):
            staff.has_perm("community.view_household", scopes["own_household"])
            staff.has_perm("community.list_households", scopes["neighborhood"])
