"""Participation, results, ownership shares and the neighborhood's rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from linli.community.models import Building, Household
from linli.community.predicates import led_building_ids
from linli.community.shortcuts import neighborhood_or_404
from linli.core import charts
from linli.core.errors import first_message
from linli.core.forms import run_action
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.decide import actions, selectors, tally
from linli.decide.forms import (
    NextRoundForm,
    OwnershipForm,
    RuleForm,
)

from .common import _decision, _result_context


def _tracked_buildings(request, decision):
    """Buildings this person may follow up: all for organisers, their own for building leaders."""
    if request.user.has_perm("decide.manage_decision", decision) or request.user.has_perm(
        "community.manage_neighborhood", decision.neighborhood
    ):
        return None
    return led_building_ids(request.user)


@cached_page
@login_required
def participation(request, pk):
    decision = _decision(pk, request.user, "decide.view_participation")
    allowed = _tracked_buildings(request, decision)
    rows, compounds = selectors.participation(decision, allowed)
    building = None
    households = None
    building_id = request.GET.get("building") or (
        next(iter(allowed)) if allowed and len(allowed) == 1 else None
    )
    if (
        building_id
        and str(building_id).isdigit()
        and (allowed is None or int(building_id) in allowed)
    ):
        building = (
            Building.objects.filter(pk=building_id, neighborhood=decision.neighborhood)
            .select_related("compound")
            .first()
        )
        if building:
            households = paginate(
                request, selectors.households_with_ballots(decision, building), per_page=100
            )
    can_see_choices = request.user.has_perm("decide.see_choices", decision)
    if households is not None and can_see_choices:
        # An open ballot (declared so): organisers see what each household chose (one query for the page).
        chosen = selectors.choices_of_households(decision, [h.pk for h in households.object_list])
        for h in households.object_list:
            h.choices = chosen.get(h.pk, [])
    chart = charts.bar(
        _("Ballots by building (%)"),
        [f"{r.building.compound.name[:2]}{r.building.number}" for r in rows],
        {_("voted"): [round(100 * r.voted / r.eligible, 1) if r.eligible else 0 for r in rows]},
        show_legend=False,
        range=(0, 100),
    )
    return render(
        request,
        "decide/participation.html",
        {
            "decision": decision,
            "rows": rows,
            "compounds": compounds,
            "chart": chart,
            "building": building,
            "households": households,
            "can_see_choices": can_see_choices,
            "options": selectors.options_of(decision),
            "can_manage": request.user.has_perm("decide.manage_decision", decision),
            "can_proxy": request.user.has_perm("decide.record_proxy", decision),
            "can_enter_paper": request.user.has_perm("decide.enter_paper_ballots", decision),
            "can_replace": request.user.has_perm("decide.replace_ballot", decision),
            "can_paper": building is not None
            and request.user.has_perm("decide.enter_paper_ballot", building),
        },
    )


@cached_page(unless=lambda request: "recount" in request.GET)  # a recount is asked to count again
@login_required
def results(request, pk):
    decision = _decision(pk, request.user)
    can_manage = request.user.has_perm("decide.manage_decision", decision)
    if not decision.is_closed:
        messages.info(request, _("Results are counted when voting closes."))
        return redirect(decision)
    result = decision.result if decision.published_at else tally.count(decision)
    context = _result_context(decision, result)
    options = selectors.options_of(decision)
    context.update(
        {
            "decision": decision,
            "can_manage": can_manage,
            "options": options,
            "next_form": NextRoundForm(options=options) if can_manage else None,
            "recount": actions.recount_matches(decision) if request.GET.get("recount") else None,
        }
    )
    return render(request, "decide/results.html", context)


@login_required
def ownership_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "decide.manage_ownership")
    if request.method == "POST":
        form = OwnershipForm(request.POST)
        if form.is_valid():
            household = get_object_or_404(
                Household, pk=form.cleaned_data["household"], neighborhood=neighborhood
            )
            try:
                data = {k: v for k, v in form.cleaned_data.items() if k != "household"}
                actions.ownership_set(household=household, actor=request.user, **data)
            except ValidationError as error:
                messages.error(request, first_message(error))
            else:
                messages.success(
                    request, _("Ownership of %(home)s is saved.") % {"home": household.address}
                )
        else:
            messages.error(request, _("Check the owner's details."))
        return redirect(request.get_full_path())
    building = request.GET.get("building")
    building = int(building) if building and building.isdigit() else None
    return render(
        request,
        "decide/ownership_list.html",
        {
            "neighborhood": neighborhood,
            "page": paginate(
                request, selectors.ownership_households(neighborhood, building), per_page=50
            ),
            "buildings": selectors.buildings_of(neighborhood),
            "building": building,
        },
    )


@login_required
def rule_list(request, slug):
    """Counting rules: the built-in ones (Art. 278, simple majority) and this neighborhood's own."""
    neighborhood = neighborhood_or_404(request, slug, "decide.manage_ownership")
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.rule_create,
            form=form,
            success=_("The counting rule is saved."),
            neighborhood=neighborhood,
            actor=request.user,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect("decide:rule-list", slug)
    rules = selectors.rules_of(neighborhood)
    return render(
        request,
        "decide/rule_list.html",
        {"neighborhood": neighborhood, "rules": rules, "form": form},
    )
