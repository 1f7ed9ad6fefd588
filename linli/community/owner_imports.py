"""The owner register (业主名册) of a compound from Excel or CSV, like households: every row is
checked first, then all rows are written or none.

One row is one owner of one unit; co-owners are several rows of the same unit, and an owner
of several units appears once per unit (the same identity, or name and phone). A unit in the
file gets exactly the owners the file lists; units not in the file keep theirs. The
exclusive floor area column, when present, corrects the unit's area.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .actions.owners import OwnerEntry, apply_owners, check_entries
from .imports import (
    MAX_BYTES,
    MAX_ROWS,
    TRUE,
    ImportRejected,
    ImportReport,
    RowError,
    _area,
    _number,
    _read_rows,
)
from .models import Household

HEADERS = {
    "building": {"building", "楼栋", "楼号", "楼", "楼栋号"},
    "unit": {"unit", "单元", "单元号"},
    "room": {"room", "室", "房号", "室号", "房间"},
    "name": {"owner", "owner's name", "name", "业主", "业主姓名", "产权人", "姓名"},
    "phone": {"phone", "电话", "联系电话", "手机", "手机号"},
    "identity": {"identity", "id", "id number", "证件号", "证件号码", "身份证号"},
    "area": {"area", "面积", "专有面积", "建筑面积", "floor area", "area (m²)", "面积(㎡)"},
    "developer": {"developer", "开发商", "未售", "开发商持有"},
}
REQUIRED = ("building", "room", "name")
COLUMN_LABELS = {
    "building": gettext_lazy("building"),
    "unit": gettext_lazy("unit"),
    "room": gettext_lazy("room"),
    "name": gettext_lazy("owner's name"),
    "phone": gettext_lazy("phone"),
    "identity": gettext_lazy("owner identity"),
    "area": gettext_lazy("area"),
    "developer": gettext_lazy("developer"),
}
OWNER_COLUMNS_HELP = gettext_lazy(
    "Columns: building, unit, room, owner (name), phone, identity (an ID number: the same for every unit of one owner), area (m², optional), developer (yes for unsold units, optional). Chinese headers 楼栋, 单元, 室, 业主, 电话, 证件号, 专有面积, 开发商 work too. One row per owner and unit: co-owners are several rows of one unit."
)


class OwnerRowError(RowError):
    @property
    def column_label(self):
        return COLUMN_LABELS.get(self.column, self.column)


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
                "The first row must name the columns. Missing: %(columns)s. Expected: building, unit, room, owner, phone, identity (or 楼栋, 单元, 室, 业主, 电话, 证件号)."
            )
            % {"columns": ", ".join(str(COLUMN_LABELS[c]) for c in missing)}
        )
    return found


def _household(units, cell, compound, number: int, errors: list):
    key = (_number(cell("building")), _number(cell("unit")), _number(cell("room")))
    household = units.get(key)
    if household is None:
        errors.append(
            OwnerRowError(
                number,
                "room",
                _("There is no household %(address)s in %(compound)s: import the households first.")
                % {"address": "-".join(p for p in key if p), "compound": compound.name},
            )
        )
    return household


def _add_owner(listed: list, entry: OwnerEntry, number: int, errors: list) -> None:
    """Another owner of a unit listed on an earlier row (a co-owner), unless listed twice."""
    try:
        check_entries([*listed, entry])
    except ValidationError as error:
        errors.append(OwnerRowError(number, "name", error.messages[0]))
    else:
        listed.append(entry)


def _entry(cell, number: int, errors: list) -> OwnerEntry:
    phone = cell("phone")
    entry = OwnerEntry(
        name=cell("name"),
        phone=phone[:-2] if phone.endswith(".0") else phone,  # Excel numbers
        identity=cell("identity"),
        is_developer=cell("developer").lower() in TRUE - {""},
    )
    try:
        check_entries([entry])
    except ValidationError as error:
        errors.append(OwnerRowError(number, "name", error.messages[0]))
    return entry


def parse_owners(data: bytes, filename: str, compound) -> ImportReport:
    """Read and check every row against the compound's units; nothing is written."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    rows = iter(_read_rows(data, filename))
    header = next(rows, None)
    if not header:
        raise ValidationError(_("The file is empty."))
    columns = _columns(header)
    units = {
        (h.building.number, h.unit, h.room): h
        for h in Household.objects.filter(building__compound=compound).select_related("building")
    }
    report = ImportReport()
    by_unit: dict[int, list[OwnerEntry]] = {}
    areas: dict[int, Decimal] = {}
    for number, raw in enumerate(rows, start=2):
        if not any(raw):
            continue
        if len(report.rows) >= MAX_ROWS:
            raise ValidationError(_("A file may hold at most %(n)s rows.") % {"n": MAX_ROWS})

        def cell(column, raw=raw):
            index = columns.get(column)
            return raw[index].strip() if index is not None and index < len(raw) else ""

        errors: list[RowError] = []
        household = _household(units, cell, compound, number, errors)
        entry = _entry(cell, number, errors)
        if "area" in columns and cell("area") and household is not None:
            area = _area(cell("area"), number, errors)
            if area is not None:
                areas[household.pk] = area
        if household is not None and not errors:
            _add_owner(by_unit.setdefault(household.pk, []), entry, number, errors)
        report.errors.extend(errors)
        if not errors:
            report.rows.append({"household": household.pk, "owner": entry})
    if not report.rows and not report.errors:
        raise ValidationError(_("The file has no owners below its header row."))
    report.by_unit, report.areas = by_unit, areas  # type: ignore[attr-defined]
    return report


@transaction.atomic
def owner_import(*, compound, data: bytes, filename: str, actor) -> ImportReport:
    """Import a compound's owner register: all rows or none. `actor` None only for the operator's
    command line (`linli import-owners`)."""
    from linli.audit.actions import audit_record

    if actor is not None and not actor.has_perm("community.manage_owners", compound):
        raise PermissionDenied(
            _("Only committee staff and this compound's owners' committee may change its owners.")
        )
    report = parse_owners(data, filename, compound)
    if not report.ok:
        raise ImportRejected(report)
    changed = []
    for household in Household.objects.filter(pk__in=report.areas):  # type: ignore[attr-defined]
        if household.area != report.areas[household.pk]:  # type: ignore[attr-defined]
            household.area = report.areas[household.pk]  # type: ignore[attr-defined]
            changed.append(household)
    Household.objects.bulk_update(changed, ["area"], batch_size=1000)
    done = apply_owners(compound, report.by_unit)  # type: ignore[attr-defined]
    report.created, report.updated = done["owners_created"], done["units"]
    audit_record(
        actor=actor,
        action="community.owner_import",
        target=compound,
        neighborhood=compound.neighborhood_id,
        target_label=f"{compound.name}: {filename}"[:200],
        after={**done, "areas_corrected": len(changed)},
    )
    return report
