"""The request list as CSV or Excel, for the joint office and the street. The rows are the
ones the list page shows this person, with the reporter's details through the same helper
(selectors.reporter_view): committee staff get every column filled, the party handling a
request its room (and the phone if shared), everyone else the building only."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from linli.community.shortcuts import neighborhood_or_404

from .. import selectors
from ..models import Party, Request

MAX_ROWS = 10_000


def _safe(value):
    """Spreadsheet formulas in residents' text are shown as text, never run."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _rows(user, neighborhood, status):
    qs = selectors.request_list(user=user, neighborhood=neighborhood, status=status).only(
        *selectors.LIST_FIELDS, "place"
    )
    header = [
        "#",
        _("Sent"),
        _("Category"),
        _("Responsible"),
        _("Status"),
        _("Visibility"),
        _("Building"),
        _("Where exactly"),
        _("Describe the problem"),
        _("Reporter"),
        _("Phone"),
        _("Email"),
        _("Room"),
    ]
    rows = []
    for r in qs[:MAX_ROWS]:
        who = selectors.reporter_view(user, r)
        rows.append(
            [
                r.pk,
                r.created_at.strftime("%Y-%m-%d %H:%M"),
                r.category.display_name,
                str(Party(r.party).label),
                str(Request.Status(r.status).label),
                str(_("public") if r.public else _("private")),
                str(r.building.label) if r.building_id else "",
                r.place,
                r.description,
                who.name or "",
                who.phone or "",
                who.email or "",
                who.room or "",
            ]
        )
    return header, rows


@login_required
def request_export(request, slug, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    neighborhood = neighborhood_or_404(request, slug, "office.export_requests")
    header, rows = _rows(request.user, neighborhood, request.GET.get("status", ""))
    name = f"requests-{neighborhood.slug}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response.write("\ufeff")  # Excel reads UTF-8 CSV with Chinese only with a BOM
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows([[_safe(v) for v in row] for row in rows])
        return response
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title="requests")
    ws.append(header)
    for row in rows:
        ws.append([_safe(v) for v in row])
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    wb.save(response)
    return response
