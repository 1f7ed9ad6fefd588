"""Reads shaped for pages and the API; each costs a fixed number of queries."""

import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Length

from linli.core.search import search_query

from .models import (
    Building,
    Compound,
    Household,
    InvitationCode,
    Neighborhood,
    Owner,
    OwnerUnit,
    Resident,
    Role,
    Street,
    VerificationRequest,
)


def neighborhood_tree(neighborhood: Neighborhood) -> list[Compound]:
    """Compounds with their buildings (two queries)."""
    return list(
        Compound.objects.filter(neighborhood=neighborhood).prefetch_related(
            Prefetch("buildings", queryset=Building.objects.order_by("sort_key", "number"))
        )
    )


def buildings_of(neighborhood: Neighborhood) -> QuerySet[Building]:
    return (
        Building.objects.filter(neighborhood=neighborhood)
        .select_related("compound")
        .order_by("compound__name", "sort_key", "number")
    )


def household_order(prefix: str = "") -> list[Any]:
    """Households in the order people count rooms: compound, building, unit, room, each natural
    (7-101 before 7-1001; as text "1001" sorts before "101"). `prefix` reaches a household
    through a relation ("household__")."""
    return [
        f"{prefix}building__compound__name",
        f"{prefix}building__sort_key",
        Length(f"{prefix}building__number"),
        f"{prefix}building__number",
        Length(f"{prefix}unit"),
        f"{prefix}unit",
        Length(f"{prefix}room"),
        f"{prefix}room",
    ]


ADDRESS = re.compile(
    r"^(?:(?P<compound>.+?)\s+)?(?P<building>[^\s-]+)-(?:(?P<unit>[^\s-]+)-)?(?P<room>[^\s-]*)$"
)


def household_search(search: str) -> Q:
    """Households matching a search: by room, by a resident's names, or by the address as
    pages show it ("A区 7-1001", "7-1001", "7-2-301", or its beginning "7-10")."""
    found = (
        Q(room__icontains=search)
        | Q(residents__real_name__icontains=search)
        | Q(residents__username__icontains=search)
        | Q(residents__display_name__icontains=search)
    )
    address = ADDRESS.match(search)
    if address:
        parts = address.groupdict()
        by_address = Q(building__number=parts["building"], room__startswith=parts["room"])
        by_address &= Q(unit=parts["unit"]) if parts["unit"] else Q()
        if parts["compound"]:
            by_address &= Q(building__compound__name=parts["compound"])
        found |= by_address
        if not parts["unit"] and not parts["compound"]:  # "2-301" may be unit 2, room 301
            found |= Q(unit=parts["building"], room__startswith=parts["room"])
    return found


def household_list(
    *, neighborhood: Neighborhood, building_id: int | None = None, search: str = ""
) -> QuerySet[Household]:
    """Households of a neighborhood for staff, with their residents (paginate, then 2 queries)."""
    qs = Household.objects.filter(neighborhood=neighborhood).select_related("building__compound")
    if building_id:
        qs = qs.filter(building_id=building_id)
    search = search_query(search)
    if search:
        qs = qs.filter(household_search(search)).distinct()
    return qs.order_by(*household_order()).prefetch_related(
        Prefetch("residents", queryset=Resident.objects.order_by("id"))
    )


def household_detail(pk: int) -> Household:
    return (
        Household.objects.select_related("building__compound", "neighborhood")
        .prefetch_related(Prefetch("residents", queryset=Resident.objects.order_by("id")))
        .get(pk=pk)
    )


def household_open_code(household: Household) -> InvitationCode | None:
    return (
        InvitationCode.objects.filter(household=household, revoked_at=None, used_at=None)
        .order_by("-created_at")
        .first()
    )


def pending_verifications(
    neighborhood: Neighborhood, buildings: Iterable[int] | None = None
) -> QuerySet[VerificationRequest]:
    qs = VerificationRequest.objects.filter(
        neighborhood=neighborhood, status=VerificationRequest.Status.PENDING
    ).select_related("resident", "building__compound")
    if buildings is not None:
        qs = qs.filter(building_id__in=buildings)
    return qs.order_by("created_at")


def roles_in(neighborhood: Neighborhood) -> QuerySet[Role]:
    return (
        Role.objects.filter(neighborhood=neighborhood)
        .select_related("person", "building__compound", "compound")
        .order_by("kind", "building__sort_key", "person__username")
    )


def building_households_for_codes(
    building: Building, only_without_account: bool
) -> QuerySet[Household]:
    qs = (
        Household.objects.filter(building=building)
        .select_related("building__compound", "neighborhood")
        .order_by(Length("unit"), "unit", Length("room"), "room")
    )
    if only_without_account:
        qs = qs.exclude(residents__verified_at__isnull=False)
    return qs


def invitation_summary(
    neighborhood: Neighborhood, buildings: Iterable[Building] | None = None
) -> list[Building]:
    """Per building (of `buildings`, else all the neighborhood's): households, open codes,
    verified households (three grouped queries)."""
    from django.db.models import Count
    from django.utils import timezone

    buildings = list(buildings_of(neighborhood) if buildings is None else buildings)
    open_codes = dict(
        InvitationCode.objects.filter(
            household__neighborhood=neighborhood,
            revoked_at=None,
            used_at=None,
            expires_at__gt=timezone.now(),
        )
        .values_list("household__building_id")
        .annotate(n=Count("id"))
        .values_list("household__building_id", "n")
    )
    verified = dict(
        Household.objects.filter(neighborhood=neighborhood, residents__verified_at__isnull=False)
        .values("building_id")
        .annotate(n=Count("id", distinct=True))
        .values_list("building_id", "n")
    )
    for b in buildings:
        # Counts the pages show beside each building (annotations, not model fields).
        b.open_codes = open_codes.get(b.pk, 0)  # type: ignore[attr-defined]
        b.verified_households = verified.get(b.pk, 0)  # type: ignore[attr-defined]
    return buildings


def staff_neighborhoods(user: Any) -> QuerySet[Neighborhood]:
    from .predicates import staff_neighborhood_ids

    return (
        Neighborhood.objects.filter(id__in=staff_neighborhood_ids(user))
        .select_related("street")
        .order_by("name")
    )


def user_with_household(user: Any) -> Resident:
    """The signed-in person with household, building and compound (one query)."""
    return Resident.objects.select_related(
        "household__building__compound", "household__neighborhood"
    ).get(pk=user.pk)


def pending_verification_counts(neighborhood_ids: Iterable[int]) -> dict[int, int]:
    from django.db.models import Count

    if not neighborhood_ids:
        return {}
    return dict(
        VerificationRequest.objects.filter(
            neighborhood_id__in=neighborhood_ids, status=VerificationRequest.Status.PENDING
        )
        .values("neighborhood_id")
        .annotate(n=Count("id"))
        .values_list("neighborhood_id", "n")
    )


def household_rows(
    *, neighborhood: Neighborhood, building_id: int | None = None, search: str = ""
) -> QuerySet[Household, Any]:
    """Households for the staff and building-leader tables, as plain rows (paginate, then with_residents)."""
    qs = Household.objects.filter(neighborhood=neighborhood)
    if building_id:
        qs = qs.filter(building_id=building_id)
    search = search_query(search)
    if search:
        qs = qs.filter(household_search(search)).distinct()
    return qs.order_by(*household_order()).values(
        "id",
        "unit",
        "room",
        "area",
        "owner_occupied",
        "building__number",
        "building__compound__name",
    )


def with_residents(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attach each row's residents (one query) and its address; rows are a page's dicts."""
    from django.urls import reverse

    rows = list(rows)
    by_household = {row["id"]: row for row in rows}
    for row in rows:
        row["residents"] = []
        unit = f"{row['unit']}-" if row["unit"] else ""
        row["address"] = (
            f"{row['building__compound__name']} {row['building__number']}-{unit}{row['room']}"
        )
        row["url"] = reverse("community:household-detail", args=[row["id"]])
    people = (
        Resident.objects.filter(household_id__in=by_household)
        .order_by("id")
        .values_list("household_id", "real_name", "display_name", "username", "phone")
    )
    for household_id, real_name, display_name, username, phone in people:
        by_household[household_id]["residents"].append(
            {"name": real_name or display_name or username, "phone": phone}
        )
    return rows


def home_neighborhood(user: Any) -> Neighborhood | None:
    """The neighborhood a person's consultations and decisions are in: their household's, else the first they serve."""
    from .predicates import roles_of

    if user.is_verified:
        return Neighborhood.objects.filter(pk=user.household.neighborhood_id).first()
    ids = [nid for nid in roles_of(user).kinds_by_neighborhood if nid]
    if ids:
        return Neighborhood.objects.filter(pk__in=ids).order_by("pk").first()
    streets = roles_of(user).streets
    return (
        Neighborhood.objects.filter(street_id__in=streets).order_by("pk").first()
        if streets
        else None
    )


def people_with_role(
    *kinds: str,
    neighborhood_id: int | None = None,
    building: Building | None = None,
    street_id: int | None = None,
) -> list[int]:
    """Ids of the people who hold any of these roles (`Role.Kind` values, such as
    "committee_staff") in a neighborhood or for one building: one query. Other apps ask this
    instead of reading roles themselves (only community knows `Role`)."""
    unknown = set(kinds) - set(Role.Kind.values)
    if unknown or not kinds or (neighborhood_id is None and building is None and street_id is None):
        raise ValueError(f"people_with_role: bad kinds {sorted(unknown)} or no place")
    found = Role.objects.filter(kind__in=kinds)
    if street_id is not None:
        found = found.filter(street_id=street_id)
    if neighborhood_id is not None:
        found = found.filter(neighborhood_id=neighborhood_id)
    if building is not None:
        found = found.filter(building=building)
    return list(found.order_by("person_id").values_list("person_id", flat=True).distinct())


def neighborhood_to_open(user: Any) -> Neighborhood | None:
    """The neighborhood a capability's index opens (sorting, activities, volunteers): the
    person's own (their household's, else where they serve), else the first one (also for
    someone not signed in)."""
    if user.is_authenticated:
        own = home_neighborhood(user)
        if own is not None:
            return own
    return Neighborhood.objects.order_by("pk").first()


def owner_register(
    compound: Compound, *, building_id: int | None = None, search: str = "", missing: bool = False
) -> QuerySet[Household]:
    """A compound's units with their owners (paginate, then one query for the owners):
    the owners' assembly's register. `missing`: only units with no owner on record."""
    qs = Household.objects.filter(building__compound=compound).select_related("building")
    if building_id:
        qs = qs.filter(building_id=building_id)
    if missing:
        qs = qs.filter(owner_units__isnull=True)
    search = search_query(search)
    if search:
        qs = qs.filter(
            Q(room__icontains=search)
            | Q(owner_units__owner__name__icontains=search)
            | Q(owner_units__owner__phone__icontains=search)
        ).distinct()
    return qs.order_by("building__sort_key", "building__number", "unit", "room").prefetch_related(
        Prefetch(
            "owner_units",
            queryset=OwnerUnit.objects.select_related("owner").order_by("owner__name", "owner_id"),
        )
    )


def owner_summary(compound: Compound) -> dict[str, Any]:
    """The register in figures (two queries): units, their exclusive floor area, units with no
    owner on record, let units, and owners counted as Art. 278 counts them."""
    units = (
        Household.objects.filter(building__compound=compound)
        .annotate(has_owner=Exists(OwnerUnit.objects.filter(household_id=OuterRef("pk"))))
        .aggregate(
            units=Count("id"),
            area=Sum("area"),
            let=Count("id", filter=Q(owner_occupied=False)),
            missing=Count("id", filter=Q(has_owner=False)),
        )
    )
    return {**units, **_owner_counts(compound)}


def _owner_counts(compound: Compound) -> dict[str, int]:
    counts = list(
        Owner.objects.filter(compound=compound)
        .annotate(n=Count("units"))
        .values_list("n", flat=True)
    )
    return {"owners": len(counts), "several": sum(1 for n in counts if n > 1)}


def compounds_served(user: Any, neighborhood: Neighborhood) -> list[Compound]:
    """The compounds of a neighborhood whose owner register this person may open."""
    return [
        c
        for c in Compound.objects.filter(neighborhood=neighborhood).order_by("name")
        if user.has_perm("community.view_owners", c)
    ]


def household_contacts(household_ids: Iterable[int]) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """For a building leader's door-to-door sheet: each household's residents and owners, with
    names and phones (two queries). The caller checks who may see them."""
    ids = list(household_ids)
    found: dict[int, dict[str, list[dict[str, Any]]]] = {
        i: {"residents": [], "owners": []} for i in ids
    }
    people = (
        Resident.objects.filter(household_id__in=ids, deleted_at=None, is_active=True)
        .order_by("id")
        .values_list("household_id", "real_name", "display_name", "username", "phone")
    )
    for household_id, real_name, display_name, username, phone in people:
        found[household_id]["residents"].append(
            {"name": real_name or display_name or username, "phone": phone}
        )
    titles = (
        OwnerUnit.objects.filter(household_id__in=ids)
        .order_by("owner__name", "owner_id")
        .values_list("household_id", "owner__name", "owner__phone", "owner__resident__household_id")
    )
    for household_id, name, phone, lives_in in titles:
        found[household_id]["owners"].append(
            {"name": name, "phone": phone, "lives_here": lives_in == household_id}
        )
    return found


def street_roles(street: Street) -> QuerySet[Role]:
    """The street's own roles (street staff and the head of the street office), for its roles page."""
    return (
        Role.objects.filter(street=street)
        .select_related("person", "granted_by")
        .order_by("kind", "person__username", "pk")
    )
