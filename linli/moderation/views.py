"""Staff pages: one queue of reported and held posts (with reason and score) and its decisions,
the neighborhood's word lists; and the author's appeal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.community.shortcuts import neighborhood_or_404
from linli.core.errors import first_message
from linli.core.forms import run_action
from linli.core.paging import paginate
from linli.core.perms import require

from . import actions, selectors
from .forms import AppealForm, DecisionForm, WordForm
from .models import Case, Reason, Word

REASON_LABELS = dict(Reason.choices)


@login_required
def case_queue(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "moderation.review")
    status = (
        request.GET.get("status")
        if request.GET.get("status") in Case.Status.values
        else Case.Status.OPEN
    )
    page = paginate(request, selectors.queue(neighborhood=neighborhood, status=status), per_page=30)
    reasons = selectors.reasons_by_case([c.pk for c in page])
    for case in page:
        case.reason_list = [
            (REASON_LABELS.get(r, r), n) for r, n in sorted(reasons.get(case.pk, {}).items())
        ]
    return render(
        request,
        "moderation/case_queue.html",
        {
            "neighborhood": neighborhood,
            "page": page,
            "status": status,
            "statuses": Case.Status.choices,
            "form": DecisionForm(),
        },
    )


@login_required
@require_POST
def case_review(request, pk):
    case = get_object_or_404(Case.objects.select_related("neighborhood"), pk=pk)
    require(request.user, "moderation.review", case)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_message(ValidationError(list(form.errors.values())[0])))
        return redirect("moderation:case-queue", case.neighborhood.slug)
    data = form.cleaned_data
    run_action(
        request,
        actions.case_decide,
        success={
            "approve": _("The post is visible; its author was told."),
            "hide": _("The post is hidden; its author was told."),
            "delete": _("The post is deleted; its author was told."),
            "warn": _("The author was warned."),
            "mute": _("The post is hidden and its author muted; they were told."),
            "ban": _("The post is deleted and its author banned; they were told."),
        }[data["decision"]],
        case=case,
        actor=request.user,
        decision=data["decision"],
        note=data["note"],
        days=data.get("days"),
    )
    return redirect("moderation:case-queue", case.neighborhood.slug)


@login_required
@require_http_methods(["GET", "POST"])
def case_appeal(request, pk):
    case = get_object_or_404(Case, pk=pk)
    require(
        request.user,
        "moderation.appeal",
        case,
        _("Only the author can appeal, once, after a decision."),
    )
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.case_appeal,
            form=form,
            success=_("Your appeal is sent. The committee will look at the post again."),
            case=case,
            person=request.user,
            note=form.cleaned_data["note"],
        )
        if done.ok:
            return redirect("home")
    return render(
        request,
        "moderation/case_appeal.html",
        {"case": case, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def word_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "moderation.manage_words")
    form = WordForm(request.POST or None)
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            word = get_object_or_404(
                Word, pk=remove if remove.isdigit() else 0, neighborhood=neighborhood
            )
            actions.word_remove(actor=request.user, word=word)
            messages.success(request, _("The word is removed."))
            return redirect("moderation:word-list", slug)
        if form.is_valid():
            done = run_action(
                request,
                actions.word_add,
                form=form,
                success=_("The word is on the list."),
                actor=request.user,
                neighborhood=neighborhood,
                word=form.cleaned_data["word"],
                kind=form.cleaned_data["kind"],
            )
            if done.ok:
                return redirect("moderation:word-list", slug)
    page = paginate(
        request,
        Word.objects.filter(neighborhood=neighborhood).order_by("kind", "word"),
        per_page=100,
    )
    return render(
        request,
        "moderation/word_list.html",
        {"neighborhood": neighborhood, "form": form, "page": page},
        status=422 if form.errors else 200,
    )
