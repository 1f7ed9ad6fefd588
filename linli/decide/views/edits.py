"""Changing a decision until voting opens, its options, and drafts (seen by their author only)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.shortcuts import neighborhood_or_404
from linli.core.forms import run_action
from linli.core.linkables import finding, picked
from linli.core.paging import paginate
from linli.core.perms import require
from linli.decide import actions as edit_actions
from linli.decide import selectors
from linli.decide.forms import DecisionForm, OptionForm
from linli.decide.models import Decision, Option


def _editable(request, pk):
    decision = get_object_or_404(
        Decision.objects.select_related("neighborhood", "rule", "previous"), pk=pk
    )
    require(
        request.user,
        "decide.edit_decision",
        decision,
        _("Only the organisers can change a decision."),
    )
    return decision


def decision_data(form):
    """What the decision form gives an action: the picked link, without the picker's search box."""
    data = dict(form.cleaned_data)
    data.pop("link_id_q", None)
    data.pop("options", None)
    data["link_kind"], data["link_id"] = picked(form)
    return data


@login_required
def decision_edit(request, pk):
    decision = _editable(request, pk)
    form = DecisionForm(
        request.POST or None,
        instance=decision,
        neighborhood=decision.neighborhood,
        user=request.user,
    )
    if request.method == "POST" and not finding(request, form) and form.is_valid():
        data = decision_data(form)
        buildings = data.pop("buildings")
        done = run_action(
            request,
            edit_actions.decision_update,
            form=form,
            success=_("Your changes are saved."),
            decision=decision,
            actor=request.user,
            buildings=buildings,
            **data,
        )
        if done.ok:
            return redirect(decision.get_absolute_url())
    return render(
        request,
        "decide/decision_edit.html",
        {"decision": decision, "form": form, "options": selectors.options_of(decision)},
        status=422 if form.errors else 200,
    )


@login_required
def option_edit(request, pk, option_id):
    decision = _editable(request, pk)
    option = get_object_or_404(Option, pk=option_id, decision=decision)
    form = OptionForm(request.POST or None, instance=option)
    del form.fields["image"]
    if request.method == "POST" and request.POST.get("do") == "remove":
        run_action(
            request,
            edit_actions.option_remove,
            success=_("The option is removed."),
            option=option,
            actor=request.user,
        )
        return redirect("decide:decision-edit", decision.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            edit_actions.option_update,
            form=form,
            success=_("Your changes are saved."),
            option=Option.objects.get(pk=option.pk),
            actor=request.user,
            title=data["title"],
            description=data["description"],
            approves=data["approves"],
        )
        if done.ok:
            return redirect("decide:decision-edit", decision.pk)
    return render(
        request,
        "decide/option_edit.html",
        {"decision": decision, "option": option, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def draft_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "decide.create_decision")
    return render(
        request,
        "decide/draft_list.html",
        {
            "neighborhood": neighborhood,
            "page": paginate(request, selectors.drafts_of(neighborhood, request.user), per_page=20),
        },
    )


@login_required
@require_POST
def draft_publish(request, pk):
    decision = _editable(request, pk)
    run_action(
        request,
        edit_actions.decision_draft_publish,
        success=_("The decision is published."),
        decision=decision,
        actor=request.user,
    )
    return redirect(decision.get_absolute_url())


@login_required
@require_POST
def draft_delete(request, pk):
    decision = _editable(request, pk)
    done = run_action(
        request,
        edit_actions.decision_draft_delete,
        success=_("The draft is deleted."),
        decision=decision,
        actor=request.user,
    )
    if done.ok:
        return redirect("decide:draft-list", decision.neighborhood.slug)
    return redirect(decision.get_absolute_url())
