"""Pages that change a project: create and edit, place on the site plan, stage, team, versions, links, photos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.community.models import Compound
from linli.community.shortcuts import neighborhood_or_404
from linli.core.forms import run_action
from linli.core.linkables import finding
from linli.core.paging import paginate
from linli.talent.models import TalentProfile
from linli.talent.selectors import profile_search

from .. import actions, selectors
from ..forms import (
    AnswerFormSet,
    LinkForm,
    PhotoForm,
    ProjectForm,
    SitePlanForm,
    StageForm,
    TeamAddForm,
    VersionForm,
)
from ..models import TeamMember
from .common import add_errors, load_project


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "projects.create_project")
    form = ProjectForm(
        request.POST or None, compounds=Compound.objects.filter(neighborhood=neighborhood)
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = actions.project_create(
                neighborhood=neighborhood, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The project is started. Mark its place on the site plan, and build its team."),
            )
            return redirect(project)
    return render(
        request,
        "projects/project_form.html",
        {"neighborhood": neighborhood, "form": form, "project": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, pk):
    project = load_project(request, pk, "projects.change_project")
    initial = {
        "title": project.title,
        "description": project.description,
        "compound": project.compound_id,
        "place_text": project.place_text,
        "budget": project.budget,
    }
    form = ProjectForm(
        request.POST or None,
        initial=initial,
        compounds=Compound.objects.filter(neighborhood_id=project.neighborhood_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.project_update(
                project=project,
                actor=request.user,
                site_plan=project.site_plan,
                point_x=project.point_x,
                point_y=project.point_y,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect(project)
    return render(
        request,
        "projects/project_form.html",
        {"neighborhood": project.neighborhood, "form": form, "project": project},
    )


PICKER_WIDTH = 320


@login_required
@require_http_methods(["GET", "POST"])
def project_place(request, pk):
    """Mark the place by clicking the site plan: an <input type=image> sends the click's x and y, without JavaScript."""
    project = load_project(request, pk, "projects.change_project")
    plans = list(selectors.site_plans_of(project.neighborhood))
    if request.method == "POST":
        plan = next((p for p in plans if str(p.pk) == request.POST.get("plan")), None)
        try:
            x, y = int(request.POST.get("pt.x", "")), int(request.POST.get("pt.y", ""))
        except ValueError:
            plan = None
        if plan is None:
            messages.error(request, _("Click on the site plan to mark the place."))
            return redirect("projects:project-place", project.pk)
        height = round(plan.height * PICKER_WIDTH / plan.width) if plan.width else PICKER_WIDTH
        px, py = min(max(x / PICKER_WIDTH * 100, 0), 100), min(max(y / height * 100, 0), 100)
        run_action(
            request,
            actions.project_update,
            success=_("The place is marked on the site plan."),
            project=project,
            actor=request.user,
            title=project.title,
            description=project.description,
            place_text=project.place_text,
            compound=plan.compound,
            budget=project.budget,
            site_plan=plan,
            point_x=round(px, 2),
            point_y=round(py, 2),
        )
        return redirect(project)
    return render(
        request,
        "projects/project_place.html",
        {
            "project": project,
            "plans": plans,
            "width": PICKER_WIDTH,
            "can_upload": request.user.has_perm("projects.upload_site_plan", project.neighborhood),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def site_plans(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "projects.upload_site_plan")
    form = SitePlanForm(
        request.POST or None,
        request.FILES or None,
        compounds=Compound.objects.filter(neighborhood=neighborhood),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.site_plan_upload(
                compound=form.cleaned_data["compound"],
                upload=form.cleaned_data["image"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("image", error)
        else:
            messages.success(request, _("The site plan is uploaded."))
            return redirect("projects:site-plans", slug)
    return render(
        request,
        "projects/site_plans.html",
        {
            "neighborhood": neighborhood,
            "form": form,
            "plans": selectors.site_plans_of(neighborhood),
        },
    )


@login_required
@require_POST
def stage_change(request, pk):
    project = load_project(request, pk, "projects.change_stage")
    form = StageForm(request.POST, current=project.stage)
    if form.is_valid():
        run_action(
            request,
            actions.project_stage_change,
            success=_("The stage is changed and recorded in the timeline."),
            project=project,
            actor=request.user,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _("Choose one of the stages."))
    return redirect(project.get_absolute_url() + "#timeline")


@login_required
@require_http_methods(["GET", "POST"])
def team(request, pk):
    project = load_project(request, pk, "projects.edit_team")
    if request.method == "POST":
        if "remove" in request.POST:
            member = get_object_or_404(
                TeamMember,
                pk=request.POST["remove"] if request.POST["remove"].isdigit() else 0,
                project=project,
            )
            member.project = project
            actions.team_member_remove(member=member, actor=request.user)
            messages.success(request, _("Removed from the team."))
            return redirect("projects:team", project.pk)
        form = TeamAddForm(request.POST)
        if form.is_valid():
            profile = (
                TalentProfile.objects.select_related("person")
                .filter(pk=form.cleaned_data["profile"])
                .first()
            )
            run_action(
                request,
                actions.team_member_add,
                success=_("%(person)s joined the team.") % {"person": profile.person.public_name},
                project=project,
                profile=profile,
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        else:
            messages.error(request, _("Say what this person does in the team."))
        return redirect("projects:team", project.pk)
    q = request.GET.get("q", "")[:100]
    staff = request.user.has_perm("talent.search", project.neighborhood)
    found = (
        paginate(
            request,
            profile_search(neighborhood=project.neighborhood, staff=staff, q=q),
            per_page=10,
        )
        if q
        else None
    )
    members = (
        TeamMember.objects.filter(project=project).select_related("person").order_by("added_at")
    )
    return render(
        request,
        "projects/team.html",
        {"project": project, "members": members, "q": q, "found": found},
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request, pk):
    project = load_project(request, pk, "projects.add_version")
    form = VersionForm(request.POST or None, request.FILES or None)
    answers = AnswerFormSet(request.POST or None, prefix="answer")
    if request.method == "POST" and form.is_valid() and answers.is_valid():
        rows = [
            (a["kind"], a["label"], a["url"], a["object_id"])
            for a in answers.cleaned_data
            if a and a.get("kind") and a.get("label")
        ]
        try:
            version = actions.version_create(
                project=project,
                summary=form.cleaned_data["summary"],
                uploads=form.cleaned_data["files"],
                answers=rows,
                actor=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Version %(n)s is published.") % {"n": version.number})
            return redirect(version)
    return render(
        request,
        "projects/version_form.html",
        {
            "project": project,
            "form": form,
            "answers": answers,
            "next_number": project.version_count + 1,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_add(request, pk):
    project = load_project(request, pk, "projects.add_link")
    form = LinkForm(request.POST or None, user=request.user, neighborhood=project.neighborhood)
    if request.method == "POST" and not finding(request, form) and form.is_valid():
        try:
            actions.link_add(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Link added."))
            return redirect(project.get_absolute_url() + "#links")
    return render(request, "projects/link_form.html", {"project": project, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def photo_add(request, pk):
    project = load_project(request, pk, "projects.add_photo")
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.photo_add(
                project=project,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("image", error)
        else:
            messages.success(request, _("Photo added."))
            return redirect(project.get_absolute_url() + "#photos")
    return render(request, "projects/photo_form.html", {"project": project, "form": form})
