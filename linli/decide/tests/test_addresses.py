"""Addresses as people write them: the parser (with generated addresses) and the lookup in a neighborhood."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from linli.community.models import Building, Compound, Household
from linli.decide.addresses import Address, parse_address
from linli.decide.selectors import household_by_address


@pytest.mark.parametrize(
    "text,expected",
    [
        ("7-1204", Address("", "7", None, "1204")),
        ("7号楼1204", Address("", "7", None, "1204")),
        ("7号楼1204室", Address("", "7", None, "1204")),
        ("7-1-1204", Address("", "7", "1", "1204")),
        ("7号楼1单元1204室", Address("", "7", "1", "1204")),
        ("7栋 2-301", Address("", "7", "2", "301")),
        ("７－１２０４", Address("", "7", None, "1204")),  # full-width, as phones type it
        ("7—1204", Address("", "7", None, "1204")),
        (" 7 - 1204 ", Address("", "7", None, "1204")),
        ("滨江花园 7-1204", Address("滨江花园", "7", None, "1204")),
        ("滨江花园7号楼1204", Address("滨江花园", "7", None, "1204")),
        ("万科2期7栋2-301", Address("万科2期", "7", "2", "301")),
        ("Binjiang Gardens 7-1-1204", Address("Binjiang Gardens", "7", "1", "1204")),
        ("Building 7, Room 1204", Address("", "7", None, "1204")),
        ("Bldg 7 Unit 1 Room 1204", Address("", "7", "1", "1204")),
        ("A3-12B", Address("", "A3", None, "12B")),
        ("A座1204", Address("", "A", None, "1204")),
        ("River View 1-101", Address("River View", "1", None, "101")),
    ],
)
def test_the_ways_people_write_an_address_are_read(text, expected):
    assert parse_address(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "71204", "7号楼", "一二〇四", "x" * 200, "7-"])
def test_what_is_not_an_address_gets_a_clear_message(text):
    with pytest.raises(ValueError, match="7-1204"):
        parse_address(text)


token = st.from_regex(r"\A[0-9]{1,3}[A-B]?\Z")
room = st.from_regex(r"\A[1-3][0-9]{2,3}\Z")


@given(building=token, unit=st.none() | token, room=room, style=st.sampled_from(range(5)))
def test_any_written_address_reads_back_to_its_parts(building, unit, room, style):
    if unit is None:
        text = [
            f"{building}-{room}",
            f"{building}号楼{room}",
            f"{building}号楼{room}室",
            f"{building} - {room}",
            f"{building}栋{room}",
        ][style]
    else:
        text = [
            f"{building}-{unit}-{room}",
            f"{building}号楼{unit}单元{room}室",
            f"{building}号楼{unit}-{room}",
            f"{building}-{unit}单元{room}",
            f"{building}栋{unit}单元{room}",
        ][style]
    assert parse_address(text) == Address("", building, unit, room)


@given(st.text(max_size=60))
def test_any_text_is_read_or_refused_with_a_message(text):
    try:
        address = parse_address(text)
    except ValueError as error:
        assert str(error)
    else:
        assert address.building and address.room


@pytest.fixture
def two_compounds(tree):
    """A second compound in the neighborhood with its own building 1 and room 101 (unit 2)."""
    other = Compound.objects.create(
        neighborhood=tree.neighborhood, name="江景苑", name_en="River View"
    )
    b = Building.objects.create(compound=other, neighborhood=tree.neighborhood, number="1")
    return Household.objects.create(
        building=b, neighborhood=tree.neighborhood, unit="2", room="101", area=80
    )


def test_a_household_is_found_by_building_and_room(tree):
    home = tree.buildings[1].homes[2]  # 2-1-301
    for text in ("2-301", "2号楼301", "2-1-301", "nb花园 2-301", "nb Gardens 2-1-301"):
        assert household_by_address(tree.neighborhood, text) == home, text


def test_an_ambiguous_address_asks_for_the_compound_and_the_compound_settles_it(
    tree, two_compounds
):
    with pytest.raises(ValidationError, match="Add the compound") as refused:
        household_by_address(tree.neighborhood, "1-101")
    assert "江景苑" in str(refused.value) and "nb花园" in str(refused.value)
    assert household_by_address(tree.neighborhood, "江景苑 1-101") == two_compounds
    assert household_by_address(tree.neighborhood, "River View 1-101") == two_compounds
    assert household_by_address(tree.neighborhood, "1-2-101") == two_compounds
    assert household_by_address(tree.neighborhood, "nb花园1号楼101") == tree.buildings[0].homes[0]


def test_an_address_not_in_the_neighborhood_is_not_found(tree, other_tree):
    with pytest.raises(ValidationError, match="No household at 7-1204"):
        household_by_address(tree.neighborhood, "7-1204")
    with pytest.raises(ValidationError, match="No household"):
        household_by_address(tree.neighborhood, "1-9-101")  # no unit 9
    # The other neighborhood's 1-1-101 is never found from this one (one query, whatever the input).
    assert (
        household_by_address(other_tree.neighborhood, "1-101").neighborhood
        == other_tree.neighborhood
    )


def test_the_lookup_is_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        household_by_address(tree.neighborhood, "2-1-301")
