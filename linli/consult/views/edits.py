"""Changing a consultation until answering opens; drafts (saved, seen by their author only)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.shortcuts import neighborhood_or_404
from linli.consult import actions as edit_actions
from linli.consult import selectors
from linli.consult.forms import ConsultationForm, QuestionEditForm
from linli.consult.models import Consultation, Question
from linli.core.forms import run_action
from linli.core.paging import paginate
from linli.core.perms import require


def _editable(request, pk):
    c = get_object_or_404(Consultation.objects.select_related("neighborhood"), pk=pk)
    require(
        request.user,
        "consult.edit_consultation",
        c,
        _("Only committee staff can change a consultation."),
    )
    return c


@login_required
def draft_create(request, slug):
    """The new-consultation form's “Save as draft” button."""
    neighborhood = neighborhood_or_404(request, slug, "consult.create_consultation")
    form = ConsultationForm(request.POST or None, neighborhood=neighborhood)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            edit_actions.consultation_create,
            form=form,
            success=_("The draft is saved. Only you can see it until you publish it."),
            neighborhood=neighborhood,
            actor=request.user,
            draft=True,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect("consult:question-create", done.value.pk)
    return render(
        request,
        "consult/consultation_form.html",
        {"neighborhood": neighborhood, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def draft_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "consult.create_consultation")
    return render(
        request,
        "consult/draft_list.html",
        {
            "neighborhood": neighborhood,
            "page": paginate(request, selectors.drafts_of(neighborhood, request.user), per_page=20),
        },
    )


@login_required
def consultation_edit(request, pk):
    c = _editable(request, pk)
    form = ConsultationForm(request.POST or None, instance=c, neighborhood=c.neighborhood)
    if c.is_frozen:  # only the closing time can still move
        for name in list(form.fields):
            if name != "closes_at":
                form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        compounds, buildings = data.pop("compounds"), data.pop("buildings")
        if c.is_frozen:
            data = {"closes_at": data["closes_at"]}
            compounds = buildings = None
        done = run_action(
            request,
            edit_actions.consultation_update,
            form=form,
            success=_("Your changes are saved."),
            consultation=c,
            actor=request.user,
            compounds=compounds,
            buildings=buildings,
            **data,
        )
        if done.ok:
            return redirect(c.get_absolute_url())
    return render(
        request,
        "consult/consultation_edit.html",
        {"c": c, "form": form, "questions": selectors.questions_of(c)},
        status=422 if form.errors else 200,
    )


@login_required
def question_edit(request, pk, question_id):
    c = _editable(request, pk)
    question = get_object_or_404(Question, pk=question_id, consultation=c)
    initial = {
        "text": question.text,
        "required": question.required,
        "choices": "\n".join(ch.label for ch in question.choices.all()),
    }
    form = QuestionEditForm(request.POST or None, initial=initial, question=question)
    if request.method == "POST" and request.POST.get("do") == "remove":
        run_action(
            request,
            edit_actions.question_remove,
            success=_("The question is removed."),
            question=question,
            actor=request.user,
        )
        return redirect("consult:consultation-edit", c.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            edit_actions.question_update,
            form=form,
            success=_("Your changes are saved."),
            question=question,
            actor=request.user,
            text=data["text"],
            required=data["required"],
            choices=data["choices"].splitlines() if question.has_choices else None,
        )
        if done.ok:
            return redirect("consult:consultation-edit", c.pk)
    return render(
        request,
        "consult/question_edit.html",
        {"c": c, "question": question, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def draft_publish(request, pk):
    c = _editable(request, pk)
    run_action(
        request,
        edit_actions.consultation_draft_publish,
        success=_("The consultation is published."),
        consultation=c,
        actor=request.user,
    )
    return redirect(c.get_absolute_url())


@login_required
@require_POST
def draft_delete(request, pk):
    c = _editable(request, pk)
    done = run_action(
        request,
        edit_actions.consultation_draft_delete,
        success=_("The draft is deleted."),
        consultation=c,
        actor=request.user,
    )
    if done.ok:
        return redirect("consult:draft-list", c.neighborhood.slug)
    return redirect(c.get_absolute_url())
