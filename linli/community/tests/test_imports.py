"""Household import: every row checked, a bad row imports nothing, a clear report per row."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from linli.community.imports import ImportRejected, household_import, parse_households
from linli.community.models import Building, Household, Neighborhood


def csv_bytes(text, encoding="utf-8"):
    return text.encode(encoding)


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD_CSV = (
    "building,unit,room,area,owner_occupied\n7,1,101,89.5,yes\n7,1,102,120,no\n8,,1201,65.25,是\n"
)


def test_csv_import_creates_buildings_and_households(tree, people):
    report = household_import(
        compound=tree.compound, data=csv_bytes(GOOD_CSV), filename="h.csv", actor=people["staff"]
    )
    assert (report.created, report.updated, report.buildings_created) == (3, 0, 2)
    h = Household.objects.get(building__number="8", room="1201")
    assert (
        h.area == Decimal("65.25")
        and h.owner_occupied
        and h.neighborhood_id == tree.neighborhood.pk
    )
    assert not Household.objects.get(building__number="7", room="102").owner_occupied
    assert Neighborhood.objects.get(pk=tree.neighborhood.pk).household_count == 8 + 3


def test_reimport_updates_instead_of_duplicating(tree, people):
    household_import(
        compound=tree.compound, data=csv_bytes(GOOD_CSV), filename="h.csv", actor=people["staff"]
    )
    report = household_import(
        compound=tree.compound,
        data=csv_bytes(GOOD_CSV.replace("89.5", "90")),
        filename="h.csv",
        actor=people["staff"],
    )
    assert (report.created, report.updated) == (0, 1)
    assert Household.objects.filter(building__number="7").count() == 2


def test_xlsx_with_chinese_headers_and_suffixes(tree, people):
    data = xlsx_bytes(
        [
            ["楼栋", "单元", "室", "面积", "自住"],
            ["9号楼", "2单元", "1502室", 142.8, "否"],
            ["9号楼", "2单元", "1503", 98, "是"],
        ]
    )
    report = household_import(
        compound=tree.compound, data=data, filename="名单.xlsx", actor=people["staff"]
    )
    assert report.created == 2
    h = Household.objects.get(building__number="9", unit="2", room="1502")
    assert h.area == Decimal("142.80") and not h.owner_occupied


def test_gb18030_csv_from_excel_is_read(tree, people):
    text = "楼栋,单元,室,面积,自住\n3,1,501,88,是\n"
    report = household_import(
        compound=tree.compound, data=text.encode("gb18030"), filename="h.csv", actor=people["staff"]
    )
    assert report.created == 1


def test_a_bad_row_imports_nothing_and_every_problem_is_reported(tree, people):
    before = Household.objects.count()
    text = (
        "building,unit,room,area,owner_occupied\n"
        "7,1,101,89.5,yes\n"  # row 2 fine
        ",1,102,80,yes\n"  # row 3 no building
        "7,1,,80,yes\n"  # row 4 no room
        "7,1,104,-3,yes\n"  # row 5 negative area
        "7,1,105,lots,yes\n"  # row 6 not a number
        "7,1,106,80,maybe\n"  # row 7 owner flag
        "7,1,101,70,no\n"  # row 8 duplicate of row 2
    )
    with pytest.raises(ImportRejected) as rejected:
        household_import(
            compound=tree.compound, data=csv_bytes(text), filename="h.csv", actor=people["staff"]
        )
    errors = [(e.row, e.column) for e in rejected.value.report.errors]
    assert errors == [
        (3, "building"),
        (4, "room"),
        (5, "area"),
        (6, "area"),
        (7, "owner_occupied"),
        (8, "room"),
    ]
    assert Household.objects.count() == before
    assert not Building.objects.filter(number="7").exists()


@pytest.mark.parametrize(
    "data,filename,message",
    [
        (b"", "h.csv", "empty"),
        (b"a,b,c\n1,2,3\n", "h.csv", "Missing"),
        (b"building,room,area\n", "h.csv", "no households"),
        (b"not a zip", "h.xlsx", "Excel"),
        (b"building,room,area\n1,1,1\n", "h.pdf", ".xlsx"),
        (b"\xff\xfe\x00bad\x81\x00", "h.csv", "UTF-8"),
    ],
)
def test_unreadable_files_are_explained(tree, people, data, filename, message):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as error:
        parse_households(data, filename)
    assert message in " ".join(error.value.messages)


def test_messages_are_in_the_users_language(tree, people):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ImportRejected) as rejected:
        household_import(
            compound=tree.compound,
            data=csv_bytes("building,room,area\n7,,80\n"),
            filename="h.csv",
            actor=people["staff"],
        )
    assert (
        "房间" in rejected.value.report.errors[0].message
        or "室" in rejected.value.report.errors[0].message
    )


@pytest.mark.parametrize("who", ["leader", "resident", "owners", "street_staff", "other_staff"])
def test_only_committee_staff_import(tree, people, who):
    with pytest.raises(PermissionDenied):
        household_import(
            compound=tree.compound, data=csv_bytes(GOOD_CSV), filename="h.csv", actor=people[who]
        )
    assert not Building.objects.filter(number="7").exists()


def test_linli_import_households_command(tree, tmp_path):
    path = tmp_path / "households.csv"
    path.write_text(GOOD_CSV)
    call_command("import_households", str(path), compound=tree.compound.name)
    assert Household.objects.filter(building__number="7").count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("building,room,area\n7,999,zero\n")
    with pytest.raises(CommandError):
        call_command("import_households", str(bad), compound=tree.compound.name)
    assert not Household.objects.filter(room="999").exists()
