"""Builders for tests: a small neighborhood tree and people in every role (the root
conftest.py's `tree`, `people` and `login` fixtures are made of these)."""

from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from linli.community.models import (
    Building,
    Compound,
    Household,
    Neighborhood,
    Resident,
    Role,
    Street,
)

PASSWORD = "a-long-test-password"


def make_tree(slug="nb", street=None, buildings=2, per_building=4):
    street = street or Street.objects.create(name=f"{slug}街道", name_en=f"{slug} Street")
    neighborhood = Neighborhood.objects.create(
        street=street, name=f"{slug}居民区", name_en=f"{slug} Neighborhood", slug=slug
    )
    compound = Compound.objects.create(
        neighborhood=neighborhood, name=f"{slug}花园", name_en=f"{slug} Gardens"
    )
    built = []
    for n in range(1, buildings + 1):
        building = Building.objects.create(
            compound=compound, neighborhood=neighborhood, number=str(n), sort_key=n
        )
        building.homes = [
            Household.objects.create(
                building=building,
                neighborhood=neighborhood,
                unit="1",
                room=f"{r}01",
                area=Decimal("80.50") + r,
                owner_occupied=r % 2 == 1,
            )
            for r in range(1, per_building + 1)
        ]
        built.append(building)
    return SimpleNamespace(
        street=street, neighborhood=neighborhood, compound=compound, buildings=built
    )


def make_person(username, household=None, *, real_name="", phone="", verified=True, **extra):
    person = Resident(
        username=username,
        display_name=username.title(),
        real_name=real_name or f"{username} 真名",
        phone=phone or "13900000000",
        household=household,
        verified_at=timezone.now() if (household and verified) else None,
        **extra,
    )
    person.set_password(PASSWORD)
    person.save()
    return person


def grant(person, kind, *, neighborhood=None, building=None, street=None):
    if building is not None:
        neighborhood = building.neighborhood
    Role.objects.create(
        person=person, kind=kind, neighborhood=neighborhood, building=building, street=street
    )
    person.__dict__.pop("_linli_roles", None)
    return person
