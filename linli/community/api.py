"""/api/v1/: the current user, the neighborhood tree, households (staff), invitation codes."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG
from linli.community.shortcuts import neighborhood_or_404
from linli.core.pagecache import cached_page
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, selectors
from .models import Household, Neighborhood
from .predicates import roles_of

router = Router(tags=["community"])


class RoleOut(Schema):
    kind: str
    street_id: int | None
    neighborhood_id: int | None
    building_id: int | None
    compound_id: int | None = None


class HouseholdOut(Schema):
    id: int
    neighborhood: str
    compound: str
    building: str
    building_id: int
    unit: str
    room: str
    area: Decimal
    owner_occupied: bool


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    real_name: str
    phone: str
    language: str
    verified: bool
    household: HouseholdOut | None
    roles: list[RoleOut]
    email: str = ""  # the confirmed address; change it at /api/v1/notifications/email


class BuildingOut(Schema):
    id: int
    number: str
    household_count: int
    resident_count: int


class CompoundOut(Schema):
    id: int
    name: str
    name_en: str
    household_count: int
    resident_count: int
    buildings: list[BuildingOut]


class NeighborhoodOut(Schema):
    slug: str
    name: str
    name_en: str
    street: str
    household_count: int
    resident_count: int


class NeighborhoodTreeOut(NeighborhoodOut):
    compounds: list[CompoundOut]


class PersonOut(Schema):
    id: int
    username: str
    display_name: str
    real_name: str
    phone: str
    verified: bool


class StaffHouseholdOut(HouseholdOut):
    residents: list[PersonOut]


class CodeOut(Schema):
    household_id: int
    code: str
    expires_at: str


class HouseholdFilter(Schema):
    building: int | None = Field(None, ge=1, le=MAX_ID, description="Only this building (its id)")
    q: str = Field(
        "", max_length=50, description="Part of a room number, or of a resident's name or username"
    )


def _household(h: Household, slug: str) -> dict:
    return {
        "id": h.pk,
        "neighborhood": slug,
        "compound": h.building.compound.name,
        "building": h.building.number,
        "building_id": h.building_id,
        "unit": h.unit,
        "room": h.room,
        "area": h.area,
        "owner_occupied": h.owner_occupied,
    }


def _person(p) -> dict:
    return {
        "id": p.pk,
        "username": p.username,
        "display_name": p.display_name,
        "real_name": p.real_name,
        "phone": p.phone,
        "verified": p.is_verified,
    }


@router.get(
    "/me", response=MeOut, auth=signed_in, summary="The signed-in person, their household and roles"
)
@decorate_view(cached_page)
def me(request):
    person = selectors.user_with_household(request.user)
    household = None
    if person.household_id:
        household = _household(person.household, person.household.neighborhood.slug)
    return {
        **_person(person),
        "language": person.language,
        "email": person.email,
        "household": household,
        "roles": [
            {"kind": k, "street_id": s, "neighborhood_id": n, "building_id": b, "compound_id": c}
            for k, s, n, b, c in roles_of(request.user).rows
        ],
    }


def _neighborhood(n) -> dict:
    return {
        "slug": n.slug,
        "name": n.name,
        "name_en": n.name_en,
        "street": n.street.name,
        "household_count": n.household_count,
        "resident_count": n.resident_count,
    }


@router.get("/neighborhoods", response=list[NeighborhoodOut], summary="Neighborhoods")
@paginate(Pages)
def neighborhood_list(request):
    return Mapped(
        Neighborhood.objects.select_related("street").order_by("name", "pk"), _neighborhood
    )


@router.get(
    "/neighborhoods/{slug}",
    response=NeighborhoodTreeOut,
    summary="A neighborhood with its compounds and buildings",
)
def neighborhood_detail(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = get_object_or_404(Neighborhood.objects.select_related("street"), slug=slug)
    require(request.user, "community.view_neighborhood", neighborhood)
    compounds = [
        {
            "id": c.pk,
            "name": c.name,
            "name_en": c.name_en,
            "household_count": c.household_count,
            "resident_count": c.resident_count,
            "buildings": [
                {
                    "id": b.pk,
                    "number": b.number,
                    "household_count": b.household_count,
                    "resident_count": b.resident_count,
                }
                for b in c.buildings.all()
            ],
        }
        for c in selectors.neighborhood_tree(neighborhood)
    ]
    return {**_neighborhood(neighborhood), "compounds": compounds}


@router.get(
    "/neighborhoods/{slug}/households",
    response=list[StaffHouseholdOut],
    auth=signed_in,
    summary="Households with residents (committee staff)",
)
@paginate(Pages)
def household_list(
    request,
    slug: str = Path(..., pattern=SLUG, max_length=50),
    filters: HouseholdFilter = Query(...),
):
    neighborhood = neighborhood_or_404(request, slug, "community.list_households")
    # PostgreSQL cannot hold NUL in a text value: a search for it finds nothing rather than failing.
    search = filters.q.replace("\x00", "")
    households = selectors.household_list(
        neighborhood=neighborhood, building_id=filters.building, search=search
    )
    return Mapped(
        households,
        lambda h: {
            **_household(h, neighborhood.slug),
            "residents": [_person(p) for p in h.residents.all()],
        },
    )


@router.get(
    "/households/{household_id}",
    response=StaffHouseholdOut,
    auth=signed_in,
    summary="One household (its members, staff, its building's leader)",
)
def household_detail(request, household_id: int = Path(..., ge=1, le=MAX_ID)):
    household = get_object_or_404(
        Household.objects.select_related("building__compound", "neighborhood"), pk=household_id
    )
    require(request.user, "community.view_household", household)
    household = selectors.household_detail(household_id)
    row = _household(household, household.neighborhood.slug)
    row["residents"] = [_person(p) for p in household.residents.all()]
    return row


@router.post(
    "/households/{household_id}/invitation-code",
    response={201: CodeOut},
    auth=signed_in,
    summary="Issue a new invitation code (shown once; the old one is withdrawn)",
)
def household_code(request, household_id: int = Path(..., ge=1, le=MAX_ID)):
    household = get_object_or_404(Household, pk=household_id)
    require(request.user, "community.manage_invitations", household)
    issued = actions.invitation_generate(households=[household], actor=request.user)[0]
    expires = household.invitation_codes.order_by("-created_at").values_list(
        "expires_at", flat=True
    )[0]
    return Status(
        201, {"household_id": household.pk, "code": issued.code, "expires_at": expires.isoformat()}
    )


class OwnerOut(Schema):
    id: int
    name: str
    phone: str
    is_developer: bool


class UnitOwnersOut(Schema):
    household_id: int
    building: str
    unit: str
    room: str
    area: Decimal
    owner_occupied: bool
    owners: list[OwnerOut]


class OwnerIn(Schema):
    name: str = Field("", max_length=60)
    phone: str = Field("", max_length=20)
    identity: str = Field("", max_length=64, description="The same for every unit of one owner")
    is_developer: bool = False


class UnitOwnersIn(Schema):
    owners: list[OwnerIn] = Field(..., max_length=8)


def _unit_owners(h: Household) -> dict:
    return {
        "household_id": h.pk,
        "building": h.building.number,
        "unit": h.unit,
        "room": h.room,
        "area": h.area,
        "owner_occupied": h.owner_occupied,
        "owners": [
            {
                "id": t.owner_id,
                "name": t.owner.name,
                "phone": t.owner.phone,
                "is_developer": t.owner.is_developer,
            }
            for t in h.owner_units.all()
        ],
    }


@router.get(
    "/compounds/{compound_id}/owners",
    response=list[UnitOwnersOut],
    auth=signed_in,
    summary="A compound's units with their owners (staff, that compound's owners' committee and property manager)",
)
@paginate(Pages)
def owner_register(
    request,
    compound_id: int = Path(..., ge=1, le=MAX_ID),
    building: int | None = Query(None, ge=1, le=MAX_ID),
):
    from .models import Compound

    compound = get_object_or_404(Compound, pk=compound_id)
    require(request.user, "community.view_owners", compound)
    return Mapped(selectors.owner_register(compound, building_id=building), _unit_owners)


@router.put(
    "/households/{household_id}/owners",
    response=UnitOwnersOut,
    auth=signed_in,
    summary="Set a unit's owners (co-owners are several entries; an empty list records none)",
)
def unit_owners_set(request, payload: UnitOwnersIn, household_id: int = Path(..., ge=1, le=MAX_ID)):
    from .actions.owners import OwnerEntry
    from .actions.owners import unit_owners_set as set_owners

    household = get_object_or_404(
        Household.objects.select_related("building__compound"), pk=household_id
    )
    require(request.user, "community.manage_owners", household.building.compound)
    set_owners(
        household=household,
        actor=request.user,
        owners=[OwnerEntry(**o.dict()) for o in payload.owners],
    )
    return _unit_owners(selectors.owner_register(household.building.compound).get(pk=household.pk))
