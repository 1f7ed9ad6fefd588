"""Decision pages: lists, creating, the decision itself, options, comments, reminders, publishing, rounds, the notice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.selectors import home_neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.core.forms import run_action
from linli.core.linkables import finding
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.text import render_markdown as _render_markdown
from linli.decide import actions, selectors
from linli.decide.forms import (
    CommentForm,
    DecisionForm,
    NextRoundForm,
    OptionForm,
)
from linli.decide.receipts import receipt_display
from linli.notify.feedback import reminded

from .common import _decision, _result_context
from .edits import decision_data


def render_markdown(text):
    """Sanitised by nh3 in linli.core.text, so safe to put into the page as HTML."""
    return mark_safe(_render_markdown(text))


@login_required
def decision_index(request):
    neighborhood = home_neighborhood(request.user)
    if neighborhood is None:
        messages.info(request, _("Decisions are open to the verified residents of a neighborhood."))
        return redirect("community:verification-request")
    return redirect("decide:decision-list", neighborhood.slug)


@login_required
def decision_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "decide.view_decision")
    return render(
        request,
        "decide/decision_list.html",
        {
            "neighborhood": neighborhood,
            "page": paginate(request, selectors.decisions_of(neighborhood), per_page=20),
            "can_create": request.user.has_perm("decide.create_decision", neighborhood),
            "now": timezone.now(),
        },
    )


@login_required
def decision_create(request, slug):
    """A new decision with its options, published at once; or a draft (options may come later).
    The "Find" button (no JavaScript) fills the picker of what it decides and saves nothing."""
    neighborhood = neighborhood_or_404(request, slug, "decide.create_decision")
    form = DecisionForm(
        request.POST or None, neighborhood=neighborhood, user=request.user, with_options=True
    )
    if request.method == "POST" and not finding(request, form) and form.is_valid():
        draft = "draft" in request.POST
        done = run_action(
            request,
            actions.decision_create,
            form=form,
            success=_("The draft is saved. Only you can see it until you publish it.")
            if draft
            else _("The decision is published."),
            neighborhood=neighborhood,
            actor=request.user,
            options=form.option_titles(),
            draft=draft,
            **decision_data(form),
        )
        if done.ok:
            return redirect(done.value.get_absolute_url())
    return render(
        request,
        "decide/decision_form.html",
        {"neighborhood": neighborhood, "form": form},
        status=422 if form.errors else 200,
    )


@cached_page
@login_required
def decision_detail(request, pk):
    decision = _decision(pk, request.user)
    ballot = selectors.my_ballot(decision, request.user)
    options = selectors.options_of(decision)
    chosen = selectors.my_choices(ballot)
    ranks = {oid: i for i, oid in enumerate(chosen, 1)}
    for o in options:
        o.html = render_markdown(o.description)
        o.rank = ranks.get(o.pk)
        o.chosen = o.pk in ranks
    comments = paginate(request, selectors.comments_of(decision), per_page=30)
    for c in comments.object_list:
        c.html = render_markdown(c.body)
    user = request.user
    return render(
        request,
        "decide/decision_detail.html",
        {
            "decision": decision,
            "body": render_markdown(decision.body),
            "options": options,
            "ballot": ballot,
            "ballot_line": selectors.ballot_line(ballot) if ballot else "",
            "receipt": receipt_display(ballot.receipt) if ballot and ballot.receipt else "",
            "can_vote": decision.is_voting and user.has_perm("decide.vote", decision),
            "rank_choices": range(1, len(options) + 1),
            "comments": comments,
            "comment_form": CommentForm(),
            "can_comment": not decision.is_closed and user.has_perm("decide.comment", decision),
            "can_manage": user.has_perm("decide.manage_decision", decision),
            "can_track": user.has_perm("decide.view_participation", decision),
        },
    )


@login_required
@require_POST
def comment_create(request, pk):
    decision = _decision(pk, request.user, "decide.comment")
    form = CommentForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            actions.comment_add,
            success=_("Your view is posted."),
            decision=decision,
            author=request.user,
            body=form.cleaned_data["body"],
        )
    else:
        messages.error(request, _("Write something first."))
    return redirect(decision.get_absolute_url() + "#discussion")


@login_required
def option_create(request, pk):
    decision = _decision(pk, request.user, "decide.manage_decision")
    form = OptionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.option_add,
            form=form,
            success=_("Option added."),
            decision=decision,
            actor=request.user,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect("decide:option-create", decision.pk)
    return render(
        request,
        "decide/option_form.html",
        {"decision": decision, "form": form, "options": selectors.options_of(decision)},
    )


@login_required
@require_POST
def decision_remind(request, pk):
    decision = _decision(pk, request.user, "decide.manage_decision")
    done = run_action(request, actions.decision_remind, decision=decision, actor=request.user)
    if done.ok:
        reminded(request, done.value)
    return redirect(decision.get_absolute_url() + "participation/")


@login_required
@require_POST
def decision_publish(request, pk):
    decision = _decision(pk, request.user, "decide.manage_decision")
    done = run_action(
        request,
        actions.decision_publish,
        success=_("The result is published as a notice."),
        decision=decision,
        actor=request.user,
    )
    if not done.ok:
        return redirect(decision)
    return redirect("decide:decision-notice", decision.pk)


@login_required
@require_POST
def next_round(request, pk):
    decision = _decision(pk, request.user, "decide.manage_decision")
    form = NextRoundForm(request.POST, options=selectors.options_of(decision))
    if form.is_valid():
        done = run_action(
            request,
            actions.decision_next_round,
            decision=decision,
            actor=request.user,
            option_ids=[int(i) for i in form.cleaned_data["options"]],
            voting_opens_at=form.cleaned_data["voting_opens_at"],
            voting_closes_at=form.cleaned_data["voting_closes_at"],
        )
        if done.ok:
            nxt = done.value
            messages.success(request, _("Round %(n)s is created.") % {"n": nxt.round_no})
            return redirect(nxt)
    else:
        messages.error(request, _("Choose the options and the voting period of the next round."))
    return redirect("decide:decision-results", decision.pk)


@cached_page
def decision_notice(request, pk):
    """The published result (公示): public to everyone who may see the decision."""
    decision = _decision(pk, request.user)
    if not decision.published_at:
        messages.info(request, _("The result has not been published yet."))
        return redirect(decision)
    context = _result_context(decision, decision.result)
    context["decision"] = decision
    return render(request, "decide/notice.html", context)
