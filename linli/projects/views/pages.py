"""Public project pages: lists, a project with its timeline, a design version with comments, two versions side by side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.models import Neighborhood
from linli.community.predicates import staff_neighborhood_ids
from linli.community.shortcuts import neighborhood_or_404
from linli.core.forms import run_action
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.text import render_markdown

from .. import actions, selectors
from ..forms import CommentForm, RatingForm, StageForm
from ..models import Stage
from .common import load_project


def index(request):
    user = request.user
    if getattr(user, "is_verified", False):
        return redirect("projects:project-list", user.household.neighborhood.slug)
    ids = sorted(staff_neighborhood_ids(user)) if user.is_authenticated else []
    if ids:
        return redirect("projects:project-list", Neighborhood.objects.get(pk=ids[0]).slug)
    return render(
        request,
        "projects/project_index.html",
        {"neighborhoods": Neighborhood.objects.order_by("name")[:50]},
    )


@cached_page
def project_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "community.view_neighborhood")
    stage = request.GET.get("stage", "")
    counts = selectors.stage_counts(neighborhood)
    return render(
        request,
        "projects/project_list.html",
        {
            "neighborhood": neighborhood,
            "stage": stage if stage in Stage.values else "",
            "stages": [(value, label, counts.get(value, 0)) for value, label in Stage.choices],
            "page": paginate(
                request, selectors.project_list(neighborhood=neighborhood, stage=stage), per_page=20
            ),
            "can_create": request.user.has_perm("projects.create_project", neighborhood),
        },
    )


@cached_page
def project_detail(request, pk):
    load_project(request, pk)
    project = selectors.project_detail(pk)
    user = request.user
    versions = list(project.versions.all())
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "description_html": render_markdown(project.description),
            "stages": [
                (value, label, i < project.stage_index, value == project.stage)
                for i, (value, label) in enumerate(Stage.choices)
            ],
            "timeline": list(project.stage_changes.all())[::-1],
            "team": list(project.team.all()),
            "versions": versions[::-1],
            "latest": versions[-1] if versions else None,
            "before": [p for p in project.photos.all() if p.kind == "before"],
            "after": [p for p in project.photos.all() if p.kind == "after"],
            "can_change": user.has_perm("projects.change_project", project),
            "can_stage": user.has_perm("projects.change_stage", project),
            "can_team": user.has_perm("projects.edit_team", project),
            "can_version": user.has_perm("projects.add_version", project),
            "can_link": user.has_perm("projects.add_link", project),
            "can_photo": user.has_perm("projects.add_photo", project),
            "can_rate": user.has_perm("projects.rate", project),
            "my_rating": selectors.my_rating(project, user),
            "stage_form": StageForm(current=project.stage),
        },
    )


@cached_page
def version_detail(request, pk, number):
    project = load_project(request, pk)
    version = selectors.version_detail(project, number)
    if version is None:
        raise Http404
    numbers = selectors.version_numbers(project)
    page = paginate(
        request,
        selectors.comments_of(
            version,
            viewer=request.user,
            moderator=request.user.has_perm("moderation.review", project.neighborhood),
        ),
        per_page=50,
    )
    comments = selectors.with_levels(page.object_list, project.neighborhood_id)
    index = numbers.index(version.number)
    return render(
        request,
        "projects/version_detail.html",
        {
            "project": project,
            "version": version,
            "summary_html": render_markdown(version.summary),
            "numbers": numbers,
            "previous": numbers[index - 1] if index > 0 else None,
            "next": numbers[index + 1] if index + 1 < len(numbers) else None,
            "page": page,
            "comments": comments,
            "form": CommentForm(),
            "can_comment": request.user.has_perm("projects.comment", project),
        },
    )


@cached_page
def version_compare(request, pk):
    project = load_project(request, pk)
    numbers = selectors.version_numbers(project)
    if len(numbers) < 2:
        messages.info(request, _("There is only one design version so far."))
        return redirect(project)

    def pick(name, default):
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() and int(value) in numbers else default

    a, b = pick("a", numbers[-2]), pick("b", numbers[-1])
    sides = [selectors.version_detail(project, n) for n in (a, b)]
    for side in sides:
        side.summary_html = render_markdown(side.summary)
    return render(
        request,
        "projects/version_compare.html",
        {"project": project, "sides": sides, "numbers": numbers, "a": a, "b": b},
    )


@login_required
@require_POST
def comment_add(request, pk, number):
    project = load_project(request, pk, "projects.comment")
    version = selectors.version_detail(project, number)
    if version is None:
        raise Http404
    version.project = project
    form = CommentForm(request.POST)
    last_page = max(1, -(-version.comment_count // 50))
    if form.is_valid():
        done = run_action(
            request,
            actions.comment_add,
            success=_("Your comment is posted."),
            version=version,
            body=form.cleaned_data["body"],
            actor=request.user,
        )
        if done.ok:
            last_page = -(-(version.comment_count + 1) // 50)
    else:
        messages.error(request, _("Write your comment first."))
    return redirect(f"{version.get_absolute_url()}?page={last_page}#comments")


@login_required
@require_POST
def rate(request, pk):
    project = load_project(request, pk, "projects.rate")
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose from 1 to 5 stars."))
    else:
        actions.rating_set(project=project, score=form.cleaned_data["score"], actor=request.user)
        messages.success(request, _("Thank you for rating the project."))
    return redirect(project.get_absolute_url() + "#rating")
