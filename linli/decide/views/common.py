"""Helpers shared by the decide views."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from linli.core import charts
from linli.core.perms import require
from linli.decide import actions
from linli.decide.models import Decision

FIGURE_LABELS = {
    "turnout_area": lambda: _("Exclusive area of the owners taking part"),
    "turnout_heads": lambda: _("People taking part (headcount)"),
    "pass_area": lambda: _("Area of those voting for, of the area taking part"),
    "pass_heads": lambda: _("Headcount voting for, of those taking part"),
}


def _decision(pk, user, perm="decide.view_decision"):
    decision = get_object_or_404(
        Decision.objects.with_counts().select_related(
            "neighborhood", "rule", "previous", "compound"
        ),
        pk=pk,
    )
    require(user, perm, decision)
    return decision


def _result_context(decision, result):
    titles = {o["id"]: o["title"] for o in result["options"]}
    rounds = []
    for i, r in enumerate(result["rounds"], 1):
        rounds.append(
            {
                "no": i,
                "rows": [(titles.get(int(k), k), v) for k, v in r["counts"].items()],
                "active": r["active"],
                "exhausted": r["exhausted"],
                "eliminated": titles.get(r["eliminated"]),
            }
        )
    figures = []
    if result.get("rule"):
        for f in result["rule"]["figures"]:
            figures.append(
                {
                    **f,
                    "label": FIGURE_LABELS[f["key"]](),
                    "area": "area" in f["key"],
                    "value_d": Decimal(f["value"]),
                    "total_d": Decimal(f["total"]),
                }
            )
    chart = charts.bar(
        _("Votes by option"),
        [o["title"] for o in result["options"]],
        {_("votes"): [o["votes"] for o in result["options"]]},
        horizontal=True,
        show_legend=False,
        print_values=True,
        width=420,
        height=max(180, 70 + 44 * len(result["options"])),
    )
    return {
        "result": result,
        "rounds": rounds,
        "figures": figures,
        "chart": chart,
        "winner": titles.get(result["winner"]),
        "outcome": actions.outcome_text(decision, result),
    }
