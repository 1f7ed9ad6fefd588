"""The participation page's chart (core/charts.py draws it)."""

from django.utils.translation import gettext as _

from linli.core import charts
from linli.core.templatetags.linli import percent


def participation_chart(rows):
    """The participation page's chart: every building's share of households heard (thick
    bar) and of residents heard (thin bar), highest first; the numbers are in the table
    beside it."""
    items = [
        {
            "label": f"{r.building.compound.name} {r.building.label}",
            "values": [
                100 * r.households_heard / r.eligible_households if r.eligible_households else 0,
                100 * r.residents_heard / r.eligible_residents if r.eligible_residents else 0,
            ],
            "texts": [percent(r.households_heard, r.eligible_households)],
        }
        for r in rows
    ]
    return charts.ranked_bars(
        _("Heard by building, highest first"),
        items,
        legend=(_("households"), _("residents")),
        note=_("The numbers are in the table."),
    )
