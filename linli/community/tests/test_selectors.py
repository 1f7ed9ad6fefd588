"""Household lists: natural order of rooms, and finding a household by the address pages show."""

from decimal import Decimal

from linli.community import selectors
from linli.community.models import Household


def _home(building, room, unit="1"):
    return Household.objects.create(
        building=building,
        neighborhood=building.neighborhood,
        unit=unit,
        room=room,
        area=Decimal("80"),
    )


def test_rooms_sort_as_numbers_not_as_text(tree):
    building = tree.buildings[0]
    _home(building, "1001")
    _home(building, "901")
    rows = selectors.household_rows(neighborhood=tree.neighborhood, building_id=building.pk)
    rooms = [r["room"] for r in rows]
    assert rooms == ["101", "201", "301", "401", "901", "1001"]
    assert [h.room for h in Household.objects.filter(building=building)] == rooms
    assert [h.room for h in selectors.building_households_for_codes(building, False)] == rooms


def test_a_household_is_found_by_the_address_its_row_shows(tree):
    building = tree.buildings[1]
    target = _home(building, "1001")
    _home(building, "101", unit="2")
    page = selectors.with_residents(
        selectors.household_rows(neighborhood=tree.neighborhood, building_id=building.pk)
    )
    shown = next(r["address"] for r in page if r["id"] == target.pk)
    assert shown == "nb花园 2-1-1001"
    for typed in [shown, "2-1-1001"]:
        found = selectors.household_rows(neighborhood=tree.neighborhood, search=typed)
        assert [r["id"] for r in found] == [target.pk], typed
    assert target.address == "2-1-1001"
    assert [
        h.pk
        for h in selectors.household_list(neighborhood=tree.neighborhood, search=target.address)
    ] == [target.pk]
    beginning = selectors.household_rows(neighborhood=tree.neighborhood, search="2-1-100")
    assert [r["id"] for r in beginning] == [target.pk]
