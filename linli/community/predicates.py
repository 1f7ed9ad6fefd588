"""Who someone is. The only place that looks at roles; every rules.py builds on these.

A user's roles are loaded once (one query) and kept on the user object for the request,
so checking permissions on a list of 50 rows costs no further queries. Objects are
placed with `scope_of`: any object carrying `neighborhood_id` (and, where it has one,
`building_id`) can be checked.
"""

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from .models import Building, Compound, Household, Neighborhood, Resident, Role, Street

K = Role.Kind
NEIGHBORHOOD_STAFF = {K.COMMITTEE_STAFF, K.SECRETARY}
JOINT_OFFICE = {K.COMMITTEE_STAFF, K.SECRETARY, K.OWNERS_COMMITTEE, K.PROPERTY_MANAGER}
# The order of roles in a neighborhood: a role is granted and removed only by someone who
# holds a role that grants (GRANTING) and ranks strictly above it. Street staff are not
# committee of any neighborhood and are not in this order; they, and secretaries, are
# appointed by an administrator.
ROLE_RANK: dict[str, int] = {
    K.SECRETARY: 3,
    K.COMMITTEE_STAFF: 2,
    K.BUILDING_LEADER: 1,
    K.OWNERS_COMMITTEE: 1,
    K.PROPERTY_MANAGER: 1,
}
GRANTING = {K.SECRETARY}
# The street office has its own order: its head grants and removes street staff in the app
# (the head is appointed by an administrator). Street roles give no authority inside a
# neighborhood's committee.
STREET_KINDS = {K.STREET_STAFF, K.STREET_HEAD}
STREET_RANK: dict[str, int] = {K.STREET_HEAD: 2, K.STREET_STAFF: 1}
STREET_GRANTING = {K.STREET_HEAD}

# Whoever asks: a signed-in resident (the user model) or someone not signed in.
Person = Resident | AnonymousUser


@dataclass(frozen=True)
class Scope:
    street_id: int | None = None
    neighborhood_id: int | None = None
    building_id: int | None = None
    household_id: int | None = None
    person_id: int | None = None
    compound_id: int | None = None


class RoleSet:
    def __init__(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self.rows = list(rows)
        self.kinds_by_neighborhood: dict[int, set[str]] = {}
        self.streets: set[int] = set()
        self.kinds_by_street: dict[int, set[str]] = {}
        self.led_buildings: set[int] = set()
        # (kind, neighborhood id) → the compounds served, None for every compound of it.
        self.compounds: dict[tuple[str, int], set[int] | None] = {}
        for kind, street_id, neighborhood_id, building_id, *rest in self.rows:
            compound_id = rest[0] if rest else None
            if kind in STREET_KINDS:
                self.streets.add(street_id)
                self.kinds_by_street.setdefault(street_id, set()).add(kind)
            else:
                self.kinds_by_neighborhood.setdefault(neighborhood_id, set()).add(kind)
                served = self.compounds.get((kind, neighborhood_id), set())
                if compound_id is None or served is None:
                    self.compounds[(kind, neighborhood_id)] = None
                else:
                    self.compounds[(kind, neighborhood_id)] = served | {compound_id}
            if kind == K.BUILDING_LEADER:
                self.led_buildings.add(building_id)

    def kinds_in(self, neighborhood_id: int) -> set[str]:
        return self.kinds_by_neighborhood.get(neighborhood_id, set())

    def serves_compound(self, kind: str, neighborhood_id: int, compound_id: int | None) -> bool:
        """Holds `kind` there for every compound, or for this one."""
        if (kind, neighborhood_id) not in self.compounds:
            return False
        served = self.compounds[(kind, neighborhood_id)]
        return served is None or (compound_id is not None and compound_id in served)


def roles_of(user: Any) -> RoleSet:
    if not getattr(user, "is_authenticated", False):
        return RoleSet([])
    cached = getattr(user, "_linli_roles", None)
    if cached is None:
        cached = RoleSet(
            Role.objects.filter(person_id=user.pk).values_list(
                "kind", "street_id", "neighborhood_id", "building_id", "compound_id"
            )
        )
        user._linli_roles = cached
    return cached


_street_of_neighborhood: dict[int, int] = {}


def street_of(neighborhood_id: int) -> int | None:
    """A neighborhood's street, remembered per process (neighborhoods do not move between streets)."""
    if neighborhood_id not in _street_of_neighborhood:
        _street_of_neighborhood.update(Neighborhood.objects.values_list("id", "street_id"))
    return _street_of_neighborhood.get(neighborhood_id)


def scope_of(obj: Any) -> Scope:
    if obj is None:
        return Scope()
    if isinstance(obj, Scope):
        return obj
    if isinstance(obj, Street):
        return Scope(street_id=obj.pk)
    if isinstance(obj, Neighborhood):
        return Scope(street_id=obj.street_id, neighborhood_id=obj.pk)
    if isinstance(obj, Compound):
        return Scope(neighborhood_id=obj.neighborhood_id, compound_id=obj.pk)
    if isinstance(obj, Building):
        return Scope(
            neighborhood_id=obj.neighborhood_id, building_id=obj.pk, compound_id=obj.compound_id
        )
    if isinstance(obj, Household):
        return Scope(
            neighborhood_id=obj.neighborhood_id, building_id=obj.building_id, household_id=obj.pk
        )
    if isinstance(obj, Resident):
        household = obj.household if obj.household_id else None
        return Scope(
            neighborhood_id=household.neighborhood_id if household else None,
            building_id=household.building_id if household else None,
            household_id=obj.household_id,
            person_id=obj.pk,
        )
    return Scope(
        neighborhood_id=getattr(obj, "neighborhood_id", None),
        building_id=getattr(obj, "building_id", None),
        household_id=getattr(obj, "household_id", None),
        compound_id=getattr(obj, "compound_id", None),
    )


def _neighborhood_street(scope: Scope) -> int | None:
    if scope.street_id:
        return scope.street_id
    return street_of(scope.neighborhood_id) if scope.neighborhood_id else None


def _has_kind(user: Person, obj: Any, kinds: AbstractSet[str]) -> bool:
    scope = scope_of(obj)
    return scope.neighborhood_id is not None and bool(
        roles_of(user).kinds_in(scope.neighborhood_id) & kinds
    )


@rules.predicate
def is_verified(user: Person) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_verified", False))


@rules.predicate
def is_street_staff(user: Person, obj: Any) -> bool:
    """Street staff of the street the object is in (or of any street, without an object)."""
    streets = roles_of(user).streets
    if obj is None:
        return bool(streets)
    street_id = _neighborhood_street(scope_of(obj))
    return street_id is not None and street_id in streets


@rules.predicate
def is_committee_staff(user: Person, obj: Any) -> bool:
    """Committee staff or the secretary of the object's neighborhood."""
    return _has_kind(user, obj, NEIGHBORHOOD_STAFF)


@rules.predicate
def is_secretary(user: Person, obj: Any) -> bool:
    return _has_kind(user, obj, {K.SECRETARY})


@rules.predicate
def is_owners_committee(user: Person, obj: Any) -> bool:
    return _has_kind(user, obj, {K.OWNERS_COMMITTEE})


@rules.predicate
def is_property_manager(user: Person, obj: Any) -> bool:
    return _has_kind(user, obj, {K.PROPERTY_MANAGER})


def _serves_compound(user: Person, obj: Any, kind: str) -> bool:
    scope = scope_of(obj)
    return scope.neighborhood_id is not None and roles_of(user).serves_compound(
        kind, scope.neighborhood_id, scope.compound_id
    )


@rules.predicate
def is_compound_owners_committee(user: Person, obj: Any) -> bool:
    """On the owners' committee of the object's compound (or of every compound of its neighborhood).
    An object with no compound (the neighborhood) matches only a neighborhood-wide role."""
    return _serves_compound(user, obj, K.OWNERS_COMMITTEE)


@rules.predicate
def is_compound_property_manager(user: Person, obj: Any) -> bool:
    """Property manager of the object's compound (or of every compound of its neighborhood)."""
    return _serves_compound(user, obj, K.PROPERTY_MANAGER)


def served_compound_ids(
    user: Person, neighborhood_id: int, kinds: Iterable[str]
) -> set[int] | None:
    """The compounds of a neighborhood a person serves in one of these roles: None for all of them."""
    roles = roles_of(user)
    found: set[int] = set()
    for kind in kinds:
        if (kind, neighborhood_id) in roles.compounds:
            served = roles.compounds[(kind, neighborhood_id)]
            if served is None:
                return None
            found |= served
    return found


@rules.predicate
def is_joint_office(user: Person, obj: Any) -> bool:
    """Any of the three in the joint office: residents' committee, owners' committee, property manager."""
    return _has_kind(user, obj, JOINT_OFFICE)


@rules.predicate
def leads_building(user: Person, obj: Any) -> bool:
    """Building leader of the object's building."""
    building_id = scope_of(obj).building_id
    return building_id is not None and building_id in roles_of(user).led_buildings


@rules.predicate
def leads_a_building_in(user: Person, obj: Any) -> bool:
    return _has_kind(user, obj, {K.BUILDING_LEADER})


@rules.predicate
def is_resident_of(user: Person, obj: Any) -> bool:
    """A verified resident whose household is in the object's neighborhood."""
    if not is_verified(user) or not isinstance(user, Resident) or user.household is None:
        return False
    neighborhood_id = scope_of(obj).neighborhood_id
    return neighborhood_id is not None and user.household.neighborhood_id == neighborhood_id


@rules.predicate
def is_own_household(user: Person, obj: Any) -> bool:
    scope = scope_of(obj)
    return (
        is_verified(user)
        and scope.household_id is not None
        and scope.household_id == getattr(user, "household_id", None)
    )


@rules.predicate
def is_self(user: Person, obj: Any) -> bool:
    return getattr(user, "is_authenticated", False) and scope_of(obj).person_id == user.pk


def grantable_kinds(user: Person, neighborhood: Any) -> set[str]:
    """The neighborhood roles this person may grant or remove there (never to or for themselves:
    see `holds_the_role`). An administrator may grant every neighborhood role."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return set(ROLE_RANK)
    neighborhood_id = scope_of(neighborhood).neighborhood_id
    kinds = roles_of(user).kinds_in(neighborhood_id) if neighborhood_id else set()
    if not kinds & GRANTING:
        return set()
    top = max(ROLE_RANK.get(kind, 0) for kind in kinds)
    return {kind for kind, rank in ROLE_RANK.items() if rank < top}


def street_grantable_kinds(user: Person, street: Any) -> set[str]:
    """The street roles this person may grant or remove in that street: those ranked below
    their own street role, if it is one that grants (the head grants street staff). An
    administrator may grant every street role."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return set(STREET_RANK)
    street_id = _neighborhood_street(scope_of(street))
    kinds = roles_of(user).kinds_by_street.get(street_id, set()) if street_id else set()
    if not kinds & STREET_GRANTING:
        return set()
    top = max(STREET_RANK[kind] for kind in kinds)
    return {kind for kind, rank in STREET_RANK.items() if rank < top}


@rules.predicate
def may_assign_role(user: Person, role: Any) -> bool:
    """The role (granted or to be granted) is in a neighborhood, or a street, and below the
    person's authority there."""
    if role is None:
        return False
    if getattr(role, "street_id", None) is not None:
        return role.kind in street_grantable_kinds(user, Scope(street_id=role.street_id))
    return getattr(role, "neighborhood_id", None) is not None and role.kind in grantable_kinds(
        user, Scope(neighborhood_id=role.neighborhood_id)
    )


@rules.predicate
def grants_street_roles(user: Person, street: Any) -> bool:
    """Heads a street office (or is an administrator): opens the street's roles page."""
    return bool(street_grantable_kinds(user, street))


@rules.predicate
def holds_the_role(user: Person, role: Any) -> bool:
    """The role is (or would be) the person's own."""
    return (
        getattr(user, "is_authenticated", False)
        and role is not None
        and getattr(role, "person_id", None) == user.pk
    )


@rules.predicate
def is_street_staff_anywhere(user: Person) -> bool:
    return bool(roles_of(user).streets)


@rules.predicate
def opens_staff_pages(user: Person) -> bool:
    """Committee staff (or secretary) of some neighborhood, or street staff: /staff/ opens for them."""
    roles = roles_of(user)
    return bool(roles.streets) or any(
        kinds & NEIGHBORHOOD_STAFF for kinds in roles.kinds_by_neighborhood.values()
    )


@rules.predicate
def has_any_staff_role(user: Person) -> bool:
    roles = roles_of(user)
    return bool(roles.streets) or any(
        kinds & (NEIGHBORHOOD_STAFF | JOINT_OFFICE)
        for kinds in roles.kinds_by_neighborhood.values()
    )


def staff_neighborhood_ids(user: Person) -> set[int]:
    """Neighborhoods whose staff pages this user may open (committee staff, or street staff of its street)."""
    roles = roles_of(user)
    ids = {nid for nid, kinds in roles.kinds_by_neighborhood.items() if kinds & NEIGHBORHOOD_STAFF}
    if roles.streets:
        ids |= set(
            Neighborhood.objects.filter(street_id__in=roles.streets).values_list("id", flat=True)
        )
    return ids


def led_building_ids(user: Person) -> set[int]:
    return set(roles_of(user).led_buildings)
