"""Proposal pages: the list (public), making one, supporting, the committee's answer and threshold."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.selectors import neighborhood_to_open
from linli.community.shortcuts import neighborhood_or_404
from linli.core.forms import run_action
from linli.core.paging import paginate
from linli.core.perms import require

from . import actions, selectors
from .forms import AnswerForm, ProposalForm, RuleForm
from .models import Proposal


def index(request):
    neighborhood = neighborhood_to_open(request.user)
    if neighborhood is None:
        raise Http404
    return redirect("proposals:proposal-list", slug=neighborhood.slug)


def _proposal(pk):
    try:
        return selectors.proposal_detail(pk)
    except Proposal.DoesNotExist:
        raise Http404 from None


def proposal_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "proposals.view_proposal")
    status = request.GET.get("status", "")
    status = status if status in selectors.FILTERS else ""
    page = paginate(request, selectors.proposals_of(neighborhood, status), per_page=20)
    mine = selectors.supported_ids(request.user, neighborhood.pk, [p.pk for p in page.object_list])
    for p in page.object_list:
        p.supported = p.pk in mine
    return render(
        request,
        "proposals/proposal_list.html",
        {
            "neighborhood": neighborhood,
            "page": page,
            "status": status,
            "rule": selectors.rule_of(neighborhood),
            "can_create": request.user.has_perm("proposals.create_proposal", neighborhood),
            "can_set_rule": request.user.has_perm("proposals.set_rule", neighborhood),
        },
    )


@login_required
def proposal_new(request, slug):
    neighborhood = neighborhood_or_404(
        request,
        slug,
        "proposals.create_proposal",
        _("Only verified residents of this neighborhood can make proposals."),
    )
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.proposal_create,
            form=form,
            success=_("Your proposal is published. Ask your neighbours to support it."),
            neighborhood=neighborhood,
            author=request.user,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect(done.value.get_absolute_url())
    return render(
        request,
        "proposals/proposal_form.html",
        {"neighborhood": neighborhood, "form": form, "rule": selectors.rule_of(neighborhood)},
    )


def proposal_detail(request, pk):
    proposal = _proposal(pk)
    require(request.user, "proposals.view_proposal", proposal)
    can_answer = request.user.has_perm("proposals.answer_proposal", proposal)
    return render(
        request,
        "proposals/proposal_detail.html",
        {
            "proposal": proposal,
            "neighborhood": proposal.neighborhood,
            "supported": proposal.pk
            in selectors.supported_ids(request.user, proposal.neighborhood_id, [proposal.pk]),
            "can_support": request.user.has_perm("proposals.support_proposal", proposal),
            "can_answer": can_answer,
            "answer_form": AnswerForm() if can_answer else None,
            "supporters": list(selectors.supporters_of(proposal)[:200])
            if request.user.has_perm("proposals.view_supporters", proposal)
            else None,
        },
    )


@login_required
@require_POST
def support(request, pk):
    proposal = _proposal(pk)
    require(
        request.user,
        "proposals.support_proposal",
        proposal,
        _("Only verified residents of this neighborhood can support proposals."),
    )
    run_action(
        request,
        actions.support_add,
        success=_("Your household supports this proposal."),
        proposal=proposal,
        person=request.user,
    )
    return redirect(proposal.get_absolute_url())


@login_required
def answer(request, pk):
    proposal = _proposal(pk)
    require(
        request.user,
        "proposals.answer_proposal",
        proposal,
        _("Only committee staff answer proposals."),
    )
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.proposal_answer,
            form=form,
            success=_("The answer is published."),
            proposal=proposal,
            actor=request.user,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect(proposal.get_absolute_url())
    return render(
        request,
        "proposals/proposal_answer.html",
        {"proposal": proposal, "neighborhood": proposal.neighborhood, "form": form},
    )


@login_required
def rule_edit(request, slug):
    neighborhood = neighborhood_or_404(
        request, slug, "proposals.set_rule", _("Only committee staff set the threshold.")
    )
    rule = selectors.rule_of(neighborhood)
    initial = {
        "share_percent": rule.share_percent,
        "buildings": rule.buildings,
        "per_building": rule.per_building,
        "answer_days": rule.answer_days,
    }
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.rule_set,
            form=form,
            success=_("The threshold is saved. It applies to new proposals."),
            neighborhood=neighborhood,
            actor=request.user,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect("proposals:proposal-list", slug=neighborhood.slug)
    return render(
        request,
        "proposals/rule_form.html",
        {
            "neighborhood": neighborhood,
            "form": form,
            "households": neighborhood.household_count,
            "needed": actions.needed_supports(rule, neighborhood.household_count),
        },
    )
