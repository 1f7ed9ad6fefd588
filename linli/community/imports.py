"""Household import from Excel or CSV: parse, check every row, then write all or nothing."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Building, Household

MAX_ROWS = 20000
MAX_BYTES = 5 * 1024 * 1024

# Column headers committees actually use, in both languages.
HEADERS = {
    "building": {"building", "楼栋", "楼号", "楼", "楼栋号"},
    "unit": {"unit", "单元", "单元号"},
    "room": {"room", "室", "房号", "室号", "房间"},
    "area": {
        "area",
        "面积",
        "建筑面积",
        "专有面积",
        "floor area",
        "area (m2)",
        "area (m²)",
        "面积(㎡)",
        "面积（㎡）",
    },
    "owner_occupied": {
        "owner_occupied",
        "owner-occupied",
        "owner occupied",
        "自住",
        "业主自住",
        "是否自住",
    },
}
REQUIRED = ("building", "room", "area")
TRUE = {"1", "true", "yes", "y", "是", "自住", "业主", "owner", "x", "✓"}
FALSE = {"0", "false", "no", "n", "否", "租", "出租", "租户", "tenant", ""}


COLUMN_LABELS = {
    "building": gettext_lazy("building"),
    "unit": gettext_lazy("unit"),
    "room": gettext_lazy("room"),
    "area": gettext_lazy("area"),
    "owner_occupied": gettext_lazy("owner-occupied"),
}


@dataclass
class RowError:
    row: int
    column: str
    message: str

    @property
    def column_label(self):
        return COLUMN_LABELS.get(self.column, self.column)


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    buildings_created: int = 0

    @property
    def ok(self):
        return not self.errors


class ImportRejected(Exception):
    def __init__(self, report):
        super().__init__(f"{len(report.errors)} errors")
        self.report = report


def _read_rows(data: bytes, filename: str):
    name = filename.lower()
    if name.endswith(".xlsx"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise ValidationError(_("This file could not be read as an Excel workbook (.xlsx)."))
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield ["" if v is None else str(v).strip() for v in row]
        book.close()
    elif name.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValidationError(_("This CSV file is neither UTF-8 nor GB18030 text."))
        for row in csv.reader(io.StringIO(text)):
            yield [v.strip() for v in row]
    else:
        raise ValidationError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))


def _columns(header):
    found = {}
    for index, title in enumerate(header):
        key = title.strip().lower()
        for column, names in HEADERS.items():
            if key in names and column not in found:
                found[column] = index
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise ValidationError(
            _(
                "The first row must name the columns. Missing: %(columns)s. Expected: building, unit, room, area, owner_occupied (or 楼栋, 单元, 室, 面积, 自住)."
            )
            % {"columns": ", ".join(str(COLUMN_LABELS[c]) for c in missing)}
        )
    return found


def _number(value: str) -> str:
    # "7号楼" → "7", "3单元" → "3", "1201室" → "1201"; other text is kept as written.
    for suffix in ("号楼", "栋", "幢", "号", "单元", "室"):
        if value.endswith(suffix) and len(value) > len(suffix):
            value = value[: -len(suffix)]
    if value.endswith(".0") and value[:-2].isdigit():  # Excel numbers
        value = value[:-2]
    return value.strip()


def _area(value: str, number: int, errors: list) -> Decimal | None:
    """The floor area in m², or None with a RowError added."""
    try:
        area = Decimal(value.replace(",", "").replace("㎡", "").replace("m²", "").strip())
        if not area.is_finite() or area <= 0 or area >= 10000:
            raise InvalidOperation
        return area.quantize(Decimal("0.01"))
    except InvalidOperation:
        errors.append(
            RowError(
                number,
                "area",
                _("The area “%(value)s” is not a floor area in m² between 0 and 10,000.")
                % {"value": value},
            )
        )
        return None


def _owner_occupied(value: str, present: bool, number: int, errors: list) -> bool:
    """Owner-occupied when the column is absent; else yes/no (是/否), with a RowError otherwise."""
    if not present:
        return True
    if value.lower() not in TRUE | FALSE:
        errors.append(
            RowError(
                number,
                "owner_occupied",
                _("Owner-occupied must be yes or no (是/否), not “%(value)s”.") % {"value": value},
            )
        )
    return value.lower() in TRUE


def parse_households(data: bytes, filename: str) -> ImportReport:
    """Read and check every row; nothing is written. Raises ValidationError for an unreadable file."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    rows = iter(_read_rows(data, filename))
    header = next(rows, None)
    if not header:
        raise ValidationError(_("The file is empty."))
    columns = _columns(header)
    report = ImportReport()
    seen = {}
    for number, raw in enumerate(rows, start=2):
        if not any(raw):
            continue
        if len(report.rows) >= MAX_ROWS:
            raise ValidationError(_("A file may hold at most %(n)s households.") % {"n": MAX_ROWS})

        def cell(column, raw=raw):
            index = columns.get(column)
            return raw[index].strip() if index is not None and index < len(raw) else ""

        errors = []
        building, unit, room = (
            _number(cell("building")),
            _number(cell("unit")),
            _number(cell("room")),
        )
        if not building:
            errors.append(RowError(number, "building", _("The building is missing.")))
        elif len(building) > 20:
            errors.append(
                RowError(number, "building", _("The building number is longer than 20 characters."))
            )
        if not room:
            errors.append(RowError(number, "room", _("The room is missing.")))
        elif len(room) > 20 or len(unit) > 20:
            errors.append(
                RowError(number, "room", _("The unit or room is longer than 20 characters."))
            )
        area = _area(cell("area"), number, errors)
        owner = _owner_occupied(cell("owner_occupied"), "owner_occupied" in columns, number, errors)
        key = (building, unit, room)
        if building and room and key in seen:
            errors.append(
                RowError(
                    number,
                    "room",
                    _("This household already appears in row %(row)s.") % {"row": seen[key]},
                )
            )
        seen.setdefault(key, number)
        report.errors.extend(errors)
        if not errors:
            report.rows.append(
                {
                    "building": building,
                    "unit": unit,
                    "room": room,
                    "area": area,
                    "owner_occupied": owner,
                }
            )
    if not report.rows and not report.errors:
        raise ValidationError(_("The file has no households below its header row."))
    return report


def _sort_key(number):
    digits = "".join(ch for ch in number if ch.isdigit())
    return int(digits[:9]) if digits else 0


@transaction.atomic
def household_import(*, compound, data: bytes, filename: str, actor) -> ImportReport:
    """Import households into a compound: all rows or none. Existing addresses are updated.

    `actor` is the staff member; None only for the operator's command line (`linli import-households`).
    """
    from django.core.exceptions import PermissionDenied

    from linli.audit.actions import audit_record

    from .actions import counters_refresh

    if actor is not None and not actor.has_perm(
        "community.import_households", compound.neighborhood
    ):
        raise PermissionDenied(
            _("Only committee staff of this neighborhood may import households.")
        )
    report = parse_households(data, filename)
    if not report.ok:
        raise ImportRejected(report)
    buildings = {b.number: b for b in Building.objects.filter(compound=compound)}
    for number in sorted({r["building"] for r in report.rows} - set(buildings)):
        buildings[number] = Building.objects.create(
            compound=compound,
            neighborhood_id=compound.neighborhood_id,
            number=number,
            sort_key=_sort_key(number),
        )
        report.buildings_created += 1
    existing = {
        (h.building_id, h.unit, h.room): h
        for h in Household.objects.filter(building__in=buildings.values())
    }
    existing_area = {h.pk: (h.area, h.owner_occupied) for h in existing.values()}
    new, changed = [], []
    for row in report.rows:
        building = buildings[row["building"]]
        household = existing.get((building.pk, row["unit"], row["room"]))
        if household is None:
            new.append(
                Household(
                    building=building,
                    neighborhood_id=compound.neighborhood_id,
                    unit=row["unit"],
                    room=row["room"],
                    area=row["area"],
                    owner_occupied=row["owner_occupied"],
                )
            )
        elif household.area != row["area"] or household.owner_occupied != row["owner_occupied"]:
            household.area, household.owner_occupied = row["area"], row["owner_occupied"]
            changed.append(household)
    Household.objects.bulk_create(new, batch_size=1000)
    Household.objects.bulk_update(changed, ["area", "owner_occupied"], batch_size=1000)
    report.created, report.updated = len(new), len(changed)
    counters_refresh(neighborhood=compound.neighborhood)
    audit_record(
        actor=actor,
        action="community.household_import",
        target=compound,
        neighborhood=compound.neighborhood_id,
        target_label=f"{compound.name}: {filename}"[:200],
        after={
            "created": report.created,
            "updated": report.updated,
            "buildings_created": report.buildings_created,
        },
        before={
            "changed": [
                {
                    "household": h.pk,
                    "area": str(existing_area[h.pk][0]),
                    "owner_occupied": existing_area[h.pk][1],
                }
                for h in changed
            ][:200]
        }
        if changed
        else None,
    )
    return report


IMPORT_COLUMNS_HELP = gettext_lazy(
    "Columns: building, unit, room, area (m²), owner_occupied (yes/no). Chinese headers 楼栋, 单元, 室, 面积, 自住 work too."
)
