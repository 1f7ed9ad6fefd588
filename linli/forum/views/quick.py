"""Quick proposals inside a topic: start one, take a stance, close it with the outcome. Each form
posts and redirects back to the topic; a refusal comes back as a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.forms import run_action
from linli.core.perms import require

from .. import actions, selectors
from ..forms import OutcomeForm, QuickProposalForm, StanceForm
from ..models import QuickProposal


def _topic(request, pk):
    topic = selectors.topic_detail(pk)
    if topic is None:
        raise Http404
    require(request.user, "forum.view_topic", topic)
    return topic


def _proposal(request, pk):
    proposal = QuickProposal.objects.select_related("topic__neighborhood").filter(pk=pk).first()
    if proposal is None:
        raise Http404
    require(request.user, "forum.view_topic", proposal.topic)
    return proposal


def _first_error(form):
    for errors in form.errors.values():
        return errors[0]
    return _("Check the form.")


@login_required
@require_POST
def quick_start(request, pk):
    topic = _topic(request, pk)
    require(
        request.user,
        "forum.start_quick_proposal",
        topic,
        _("The topic's author or committee staff start a quick proposal."),
    )
    form = QuickProposalForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            actions.quick_proposal_start,
            success=_("The quick proposal is open: neighbours can now take a stance."),
            topic=topic,
            author=request.user,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _first_error(form))
    return redirect(topic.get_absolute_url())


@login_required
@require_POST
def stance(request, pk):
    proposal = _proposal(request, pk)
    require(
        request.user,
        "forum.take_stance",
        proposal,
        _("Residents of this neighborhood take a stance."),
    )
    form = StanceForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            actions.stance_set,
            success=_("Your stance is recorded."),
            proposal=proposal,
            person=request.user,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _first_error(form))
    return redirect(proposal.get_absolute_url())


@login_required
def close(request, pk):
    proposal = _proposal(request, pk)
    require(
        request.user,
        "forum.close_quick_proposal",
        proposal,
        _("The author of the quick proposal closes it."),
    )
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.quick_proposal_close,
            form=form,
            success=_("The quick proposal is closed and its outcome posted."),
            proposal=proposal,
            actor=request.user,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect(proposal.get_absolute_url())
    return render(
        request,
        "forum/quick_close.html",
        {"proposal": proposal, "topic": proposal.topic, "form": form},
    )
