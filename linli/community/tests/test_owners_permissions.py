"""The owner register's permission table (community.open_owners, view_owners, manage_owners):
every role of the root conftest, and `owners2`, on the owners' committee of the second
compound only, walked on the real pages and API.

nb has two compounds: c1 (nb花园: buildings 1 and 2; 1-1-101 owned by 业主甲, 13700000001)
and c2 (二期: building 9; 9-102 owned by 业主乙, 13700000002).

Columns:  reg:c1 reg:c2  the register page of each compound: the owner's row
          api:c1         GET /api/v1/compounds/<c1>/owners
          set:c1 set:c2  saving a unit's owners (page form; the API for c1 as well)
          imp            the import page opens
Cells: `-` refused or absent; `np` name and phone shown; `y` done / opens.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from linli.community.actions.owners import OwnerEntry, unit_owners_set
from linli.community.models import Building, Compound, Household, OwnerUnit, Role
from linli.community.testing import make_person

# fmt: off
COLUMNS = ["reg:c1", "reg:c2", "api:c1", "set:c1", "set:c2", "imp"]
TABLE = {
    "secretary":    "np   np   np   y    y    y",
    "staff":        "np   np   np   y    y    y",
    "leader":       "-    -    -    -    -    -",
    "owners":       "np   np   np   y    y    y",
    "property":     "np   np   np   -    -    -",
    "resident":     "-    -    -    -    -    -",
    "housemate":    "-    -    -    -    -    -",
    "neighbour":    "-    -    -    -    -    -",
    "far_resident": "-    -    -    -    -    -",
    "street_staff": "-    -    -    -    -    -",
    "other_staff":  "-    -    -    -    -    -",
    "unverified":   "-    -    -    -    -    -",
    "anonymous":    "-    -    -    -    -    -",
    "owners2":      "-    np   -    -    y    y",
}
# fmt: on


@pytest.fixture
def world(tree, people):
    c2 = Compound.objects.create(neighborhood=tree.neighborhood, name="二期")
    b9 = Building.objects.create(compound=c2, neighborhood=tree.neighborhood, number="9")
    h9 = Household.objects.create(
        building=b9, neighborhood=tree.neighborhood, room="102", area=Decimal("99.00")
    )
    staff = people["staff"]
    h1 = tree.buildings[0].homes[0]
    unit_owners_set(household=h1, actor=staff, owners=[OwnerEntry("业主甲", "13700000001", "A")])
    unit_owners_set(household=h9, actor=staff, owners=[OwnerEntry("业主乙", "13700000002", "B")])
    owners2 = make_person("owners2")
    Role.objects.create(
        person=owners2, kind=Role.Kind.OWNERS_COMMITTEE, neighborhood=tree.neighborhood, compound=c2
    )
    return {"c1": tree.compound, "c2": c2, "h1": h1, "h9": h9, "owners2": owners2}


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people) | {"owners2"}


def _register(client, compound, name, phone):
    r = client.get(reverse("community:owner-register", args=["nb"]) + f"?compound={compound.pk}")
    assert r.status_code in (200, 302, 403, 404), r.status_code
    if r.status_code != 200:
        return "-"
    body = r.content.decode()
    return ("n" if name in body else "") + ("p" if phone in body else "") or "-"


def _api(client, compound):
    r = client.get(f"/api/v1/compounds/{compound.pk}/owners")
    assert r.status_code in (200, 401, 403, 404), r.status_code
    if r.status_code != 200:
        return "-"
    text = str(r.json())
    return ("n" if "业主甲" in text else "") + ("p" if "13700000001" in text else "") or "-"


def _set(client, household, name, api=False):
    url = reverse("community:unit-owners-edit", args=[household.pk])
    data = {"o-TOTAL_FORMS": "1", "o-INITIAL_FORMS": "0", "o-0-name": name, "o-0-identity": name}
    r = client.post(url, data)
    assert r.status_code in (302, 403, 404), r.status_code
    done = OwnerUnit.objects.filter(household=household, owner__name=name).exists()
    if api:
        import json

        r = client.put(
            f"/api/v1/households/{household.pk}/owners",
            json.dumps({"owners": [{"name": name + "2", "identity": name + "2"}]}),
            content_type="application/json",
        )
        assert r.status_code in (200, 401, 403, 404), r.status_code
        assert (r.status_code == 200) == done
    return "y" if done else "-"


def _import(client):
    r = client.get(reverse("community:owner-import", args=["nb"]))
    assert r.status_code in (200, 302, 403, 404), r.status_code
    return "y" if r.status_code == 200 else "-"


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, people, world, client):
    person = world["owners2"] if role == "owners2" else people[role]
    if role != "anonymous":
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    got = [
        _register(client, world["c1"], "业主甲", "13700000001"),
        _register(client, world["c2"], "业主乙", "13700000002"),
        _api(client, world["c1"]),
        _set(client, world["h1"], "新业主", api=True),
        _set(client, world["h9"], "新业主"),
        _import(client),
    ]
    assert got == TABLE[role].split(), role
