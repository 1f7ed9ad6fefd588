"""Consultation pages: lists, creating, questions, the consultation and answering it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from linli.community.models import Household, Resident
from linli.community.selectors import home_neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.consult import actions, selectors
from linli.consult.forms import ConsultationForm, QuestionForm, answers_from_post
from linli.core.errors import first_message
from linli.core.forms import run_action
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require
from linli.core.text import render_markdown as _render_markdown

from .common import _consultation


def render_markdown(text):
    """Sanitised by nh3 in linli.core.text, so safe to put into the page as HTML."""
    return mark_safe(_render_markdown(text))


@login_required
def consultation_index(request):
    neighborhood = home_neighborhood(request.user)
    if neighborhood is None:
        messages.info(
            request, _("Consultations are open to the verified residents of a neighborhood.")
        )
        return redirect("community:verification-request")
    return redirect("consult:consultation-list", neighborhood.slug)


@login_required
def consultation_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "consult.view_consultation")
    return render(
        request,
        "consult/consultation_list.html",
        {
            "neighborhood": neighborhood,
            "page": paginate(request, selectors.consultations_of(neighborhood), per_page=20),
            "can_create": request.user.has_perm("consult.create_consultation", neighborhood),
            "now": timezone.now(),
        },
    )


@login_required
def consultation_create(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "consult.create_consultation")
    form = ConsultationForm(request.POST or None, neighborhood=neighborhood)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.consultation_create,
            form=form,
            success=_("The consultation is created. Add its questions now."),
            neighborhood=neighborhood,
            actor=request.user,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect("consult:question-create", done.value.pk)
    return render(
        request, "consult/consultation_form.html", {"neighborhood": neighborhood, "form": form}
    )


@login_required
def question_create(request, pk):
    c = _consultation(pk, request.user, "consult.manage_consultation")
    form = QuestionForm(request.POST or None, consultation=c)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            actions.question_add,
            form=form,
            success=_("Question added."),
            consultation=c,
            actor=request.user,
            kind=data["kind"],
            text=data["text"],
            required=data["required"],
            choices=data["choices"].splitlines(),
            show_if=data["show_if"],
        )
        if done.ok:
            return redirect("consult:question-create", c.pk)
    return render(
        request,
        "consult/question_form.html",
        {"consultation": c, "form": form, "questions": selectors.questions_of(c)},
    )


def _answer_target(request, c):
    """For an answer taken on paper or by phone: the household (and resident) from ?household=."""
    hid = request.GET.get("household") or request.POST.get("household")
    if not hid:
        return None, None
    household = get_object_or_404(
        Household.objects.select_related("building"),
        pk=hid if str(hid).isdigit() else 0,
        neighborhood=c.neighborhood,
    )
    require(
        request.user,
        "consult.enter_on_behalf",
        household,
        _("Only committee staff and this building's leader can enter its answers."),
    )
    rid = request.POST.get("resident") or request.GET.get("resident")
    resident = (
        Resident.objects.filter(pk=rid, household=household).first()
        if rid and str(rid).isdigit()
        else None
    )
    return household, resident


@cached_page
@login_required
def consultation_detail(request, pk):
    c = _consultation(pk, request.user)
    household, resident = _answer_target(request, c)
    questions = selectors.questions_of(c)
    if request.method == "POST":
        channel = request.POST.get("channel", "online") if household else "online"
        try:
            raw = answers_from_post(questions, request.POST, request.FILES)
            actions.response_submit(
                consultation=c,
                actor=request.user,
                answers=raw,
                household=household,
                resident=resident,
                channel=channel,
            )
        except ValueError as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(request, first_message(error))
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            if household:
                messages.success(
                    request, _("The answer of %(home)s is recorded.") % {"home": household.address}
                )
                return redirect(
                    f"{c.get_absolute_url()}participation/?building={household.building_id}"
                )
            messages.success(
                request,
                _(
                    "Thank you, your answer is recorded. You can change it until the consultation closes."
                ),
            )
            return redirect(c)
    response = (
        selectors.response_for(c, household, resident)
        if household
        else selectors.my_response(c, request.user)
    )
    # Entering on someone's behalf in an anonymous consultation: whether the household has
    # answered shows, never what it answered (nobody may see who answered what).
    selectors.prefill(questions, None if household and c.anonymous else response)
    members = (
        list(Resident.objects.filter(household=household, verified_at__isnull=False))
        if household and c.per == "resident"
        else []
    )
    return render(
        request,
        "consult/consultation_detail.html",
        {
            "c": c,
            "body": render_markdown(c.body),
            "questions": questions,
            "response": response,
            "household": household,
            "resident": resident,
            "members": members,
            "can_answer": c.is_open
            and (household is not None or request.user.has_perm("consult.answer", c)),
            "can_manage": request.user.has_perm("consult.manage_consultation", c),
            "can_track": request.user.has_perm("consult.view_participation", c),
            "can_results": request.user.has_perm("consult.view_results", c),
            "ratings": range(1, 6),
        },
    )
