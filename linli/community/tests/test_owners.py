"""The owner register per compound: owners apart from residents, co-owners, owners of several
units, the import from Excel/CSV, the pages and the API, and who may see and change it."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from linli.community.actions.owners import OwnerEntry, unit_owners_set
from linli.community.imports import ImportRejected
from linli.community.models import Building, Compound, Household, Owner, OwnerUnit, Role
from linli.community.owner_imports import owner_import
from linli.community.testing import make_person

K = Role.Kind


@pytest.fixture
def second(tree):
    """A second compound of nb (滨江二期) with one building of three units."""
    compound = Compound.objects.create(
        neighborhood=tree.neighborhood, name="二期", name_en="Phase 2"
    )
    building = Building.objects.create(
        compound=compound, neighborhood=tree.neighborhood, number="9", sort_key=9
    )
    building.homes = [
        Household.objects.create(
            building=building,
            neighborhood=tree.neighborhood,
            unit="",
            room=f"{r}02",
            area=Decimal("100.00"),
            owner_occupied=r != 2,
        )
        for r in range(1, 4)
    ]
    compound.building = building
    return compound


@pytest.fixture
def second_owners(second, people):
    """An owners' committee member and a property manager who serve only the second compound."""
    person = make_person("owners2")
    Role.objects.create(
        person=person, kind=K.OWNERS_COMMITTEE, neighborhood=second.neighborhood, compound=second
    )
    return person


def owners_of(household):
    return sorted(
        OwnerUnit.objects.filter(household=household).values_list("owner__name", flat=True)
    )


def test_a_unit_has_several_co_owners_and_an_owner_several_units(tree, people):
    b1 = tree.buildings[0]
    unit_owners_set(
        household=b1.homes[0],
        actor=people["staff"],
        owners=[OwnerEntry("王芳", "13800000001", "ID-1"), OwnerEntry("李强", "", "ID-2")],
    )
    unit_owners_set(
        household=b1.homes[1], actor=people["staff"], owners=[OwnerEntry("王芳", "", "ID-1")]
    )
    assert owners_of(b1.homes[0]) == ["李强", "王芳"]
    assert owners_of(b1.homes[1]) == ["王芳"]
    # One owner, two units: one Owner row, and the phone given once is kept.
    wang = Owner.objects.get(identity="ID-1")
    assert wang.units.count() == 2 and wang.phone == "13800000001"
    assert Owner.objects.filter(compound=tree.compound).count() == 2


def test_an_owner_left_with_no_unit_leaves_the_register(tree, people):
    home = tree.buildings[0].homes[0]
    unit_owners_set(household=home, actor=people["staff"], owners=[OwnerEntry("王芳", "", "ID-1")])
    unit_owners_set(household=home, actor=people["staff"], owners=[OwnerEntry("赵六", "", "ID-9")])
    assert list(Owner.objects.values_list("name", flat=True)) == ["赵六"]


def test_a_let_unit_has_an_owner_who_does_not_live_there(tree, people):
    let = tree.buildings[0].homes[1]
    assert not let.owner_occupied
    unit_owners_set(household=let, actor=people["staff"], owners=[OwnerEntry("远方业主", "139")])
    owner = Owner.objects.get()
    assert owner.resident is None and owners_of(let) == ["远方业主"]
    assert not let.residents.filter(real_name="远方业主").exists()


@pytest.fixture
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_a_bad_entry_changes_nothing_and_says_why(tree, people, english):
    home = tree.buildings[0].homes[0]
    unit_owners_set(household=home, actor=people["staff"], owners=[OwnerEntry("王芳", "", "ID-1")])
    with pytest.raises(ValidationError, match="not a phone number"):
        unit_owners_set(
            household=home, actor=people["staff"], owners=[OwnerEntry("李强", "call me")]
        )
    with pytest.raises(ValidationError, match="listed twice"):
        unit_owners_set(
            household=home,
            actor=people["staff"],
            owners=[OwnerEntry("李强", "", "X"), OwnerEntry("李强", "", "X")],
        )
    assert owners_of(home) == ["王芳"]


def test_developer_units_are_one_owner(tree, people):
    for home in tree.buildings[1].homes[:3]:
        unit_owners_set(
            household=home, actor=people["staff"], owners=[OwnerEntry("", is_developer=True)]
        )
    assert Owner.objects.get().units.count() == 3


def test_the_owners_committee_of_one_compound_may_not_change_another(
    tree, people, second, second_owners
):
    with pytest.raises(PermissionDenied):
        unit_owners_set(
            household=tree.buildings[0].homes[0],
            actor=second_owners,
            owners=[OwnerEntry("王芳", "", "ID-1")],
        )
    unit_owners_set(
        household=second.building.homes[0],
        actor=second_owners,
        owners=[OwnerEntry("王芳", "", "ID-1")],
    )
    assert owners_of(second.building.homes[0]) == ["王芳"]
    assert not OwnerUnit.objects.filter(compound=tree.compound).exists()


CSV = (
    "楼栋,单元,室,业主,电话,证件号,专有面积\n"
    "1,1,101,王芳,13800000001,ID-1,88.5\n"
    "1,1,101,李强,13800000002,ID-2,\n"
    "1,1,201,王芳,13800000001,ID-1,\n"
    "2号楼,1,101,陈静,13800000003,ID-3,\n"
)


def test_the_register_is_imported_with_co_owners_and_corrected_areas(tree, people):
    report = owner_import(
        compound=tree.compound, data=CSV.encode(), filename="业主.csv", actor=people["staff"]
    )
    b1, b2 = tree.buildings
    assert (report.created, report.updated) == (3, 3)
    assert owners_of(b1.homes[0]) == ["李强", "王芳"]
    assert owners_of(b1.homes[1]) == ["王芳"]
    assert owners_of(b2.homes[0]) == ["陈静"]
    assert Household.objects.get(pk=b1.homes[0].pk).area == Decimal("88.50")


def test_an_import_with_a_bad_row_imports_nothing_and_lists_every_problem(tree, people):
    bad = CSV + "7,1,101,无此户,,ID-7,\n1,1,301,,,,\n"
    with pytest.raises(ImportRejected) as rejected:
        owner_import(
            compound=tree.compound, data=bad.encode(), filename="业主.csv", actor=people["staff"]
        )
    rows = [(e.row, e.column) for e in rejected.value.report.errors]
    assert rows == [(6, "room"), (7, "name")]
    assert not Owner.objects.exists()
    assert Household.objects.get(pk=tree.buildings[0].homes[0].pk).area == Decimal("81.50")


def test_the_import_reads_excel(tree, people):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in CSV.splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    owner_import(
        compound=tree.compound, data=buffer.getvalue(), filename="业主.xlsx", actor=people["staff"]
    )
    assert Owner.objects.count() == 3


def test_a_resident_may_not_import_owners(tree, people):
    with pytest.raises(PermissionDenied):
        owner_import(
            compound=tree.compound, data=CSV.encode(), filename="业主.csv", actor=people["resident"]
        )


def _fill(tree, people, n):
    homes = list(Household.objects.filter(building__compound=tree.compound)[:n])
    for i, home in enumerate(homes):
        unit_owners_set(
            household=home,
            actor=people["staff"],
            owners=[OwnerEntry(f"业主{i}", "", f"ID-{i}"), OwnerEntry(f"共有{i}", "", f"C-{i}")],
        )


def test_the_register_page_costs_the_same_queries_for_more_owners(
    tree, people, login, django_assert_max_num_queries
):
    client = login(people["staff"])
    url = reverse("community:owner-register", args=["nb"])
    _fill(tree, people, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(tree, people, 8)
    with django_assert_max_num_queries(len(few)):
        body = client.get(url).content.decode()
    assert "业主7" in body and "共有7" in body


def test_the_register_page_shows_owners_and_the_floor_area(tree, people, login):
    _fill(tree, people, 1)
    body = login(people["owners"]).get(reverse("community:owner-register", args=["nb"])).content
    body = body.decode()
    assert "业主0" in body and "共有0" in body and "81.50" in body


def test_a_unit_s_owners_are_changed_without_javascript(tree, people, login):
    home = tree.buildings[0].homes[0]
    client = login(people["owners"])
    url = reverse("community:unit-owners-edit", args=[home.pk])
    assert client.get(url).status_code == 200
    data = {"o-TOTAL_FORMS": "4", "o-INITIAL_FORMS": "0"}
    data |= {"o-0-name": "王芳", "o-0-phone": "138", "o-0-identity": "ID-1"}
    data |= {"o-1-name": "李强", "o-1-phone": "", "o-1-identity": ""}
    response = client.post(url, data)
    assert response.status_code == 302
    assert owners_of(home) == ["李强", "王芳"]
    # Bad input: a clear message, nothing changed.
    data["o-0-phone"] = "abc"
    response = client.post(url, data, follow=True)
    assert "not a phone number" in response.content.decode() or "不是电话号码" in (
        response.content.decode()
    )
    assert owners_of(home) == ["李强", "王芳"]


def test_the_import_page_imports_a_file(tree, people, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(people["staff"])
    url = reverse("community:owner-import", args=["nb"])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("业主.csv", CSV.encode(), content_type="text/csv")
    response = client.post(url, {"compound": tree.compound.pk, "file": upload})
    assert response.status_code == 302
    assert Owner.objects.count() == 3


def test_the_api_lists_and_sets_a_unit_s_owners(tree, people, login):
    import json

    home = tree.buildings[0].homes[0]
    client = login(people["staff"])
    response = client.put(
        f"/api/v1/households/{home.pk}/owners",
        json.dumps({"owners": [{"name": "王芳", "identity": "ID-1"}, {"name": "李强"}]}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert sorted(o["name"] for o in response.json()["owners"]) == ["李强", "王芳"]
    listed = client.get(f"/api/v1/compounds/{tree.compound.pk}/owners").json()
    assert listed["count"] == 8
    first = next(u for u in listed["items"] if u["household_id"] == home.pk)
    assert len(first["owners"]) == 2
    bad = client.put(
        f"/api/v1/households/{home.pk}/owners",
        json.dumps({"owners": [{"name": "", "phone": "1"}]}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and owners_of(home) == ["李强", "王芳"]


def test_roles_per_compound_are_loaded_with_the_person(tree, people, second, second_owners):
    from linli.community.predicates import is_compound_owners_committee, is_owners_committee

    assert is_compound_owners_committee(second_owners, second)
    assert not is_compound_owners_committee(second_owners, tree.compound)
    assert is_owners_committee(second_owners, tree.neighborhood)  # still in the joint office
    assert is_compound_owners_committee(people["owners"], tree.compound)  # every compound


def test_the_secretary_grants_the_owners_committee_of_one_compound(tree, people, second, login):
    from linli.audit.models import AuditEntry

    client = login(people["secretary"])
    url = reverse("community:role-list", args=["nb"])
    page = client.get(url).content.decode()
    assert 'name="compound"' in page and "二期" in page
    response = client.post(
        url, {"username": "neighbour", "kind": K.OWNERS_COMMITTEE, "compound": second.pk}
    )
    assert response.status_code == 302
    role = Role.objects.get(person=people["neighbour"], kind=K.OWNERS_COMMITTEE)
    assert role.compound == second
    entry = AuditEntry.objects.filter(action="community.role_grant").latest("pk")
    assert entry.after["compound"] == second.pk
    assert "二期" in client.get(url).content.decode()
    # The same person may serve another compound too; a building leader never has a compound.
    client.post(
        url, {"username": "neighbour", "kind": K.OWNERS_COMMITTEE, "compound": tree.compound.pk}
    )
    assert Role.objects.filter(person=people["neighbour"], kind=K.OWNERS_COMMITTEE).count() == 2
    client.post(
        url,
        {
            "username": "far_resident",
            "kind": K.BUILDING_LEADER,
            "building": tree.buildings[1].pk,
            "compound": second.pk,
        },
    )
    assert Role.objects.get(person=people["far_resident"]).compound is None


def test_a_compound_of_another_neighborhood_is_refused(tree, other_tree, people):
    from linli.community.actions import role_grant

    with pytest.raises(ValidationError):
        role_grant(
            person=people["neighbour"],
            kind=K.PROPERTY_MANAGER,
            actor=people["secretary"],
            neighborhood=tree.neighborhood,
            compound=other_tree.compound,
        )
    assert not Role.objects.filter(person=people["neighbour"]).exists()
