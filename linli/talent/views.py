"""Talent pool pages: my profile and invitations; the directory / staff search; a profile;
skills; tracked invitations; and "who could answer this?"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.community.models import Neighborhood
from linli.community.predicates import staff_neighborhood_ids
from linli.core.forms import run_action
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require

from . import actions, selectors
from .forms import InviteForm, MatchForm, ProfileForm, RespondForm, SearchForm, SkillForm
from .models import Availability, HelpKind, Invitation, Skill, TalentProfile


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _neighborhood(slug, user, perm):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    require(user, perm, neighborhood)
    return neighborhood


@login_required
def index(request):
    ids = sorted(
        i
        for i in staff_neighborhood_ids(request.user)
        if request.user.has_perm("talent.search", Neighborhood(pk=i))
    )
    if ids:
        return redirect("talent:profile-list", Neighborhood.objects.get(pk=ids[0]).slug)
    if request.user.is_verified:
        return redirect("talent:profile-list", request.user.household.neighborhood.slug)
    return redirect("talent:mine")


@login_required
@require_http_methods(["GET", "POST"])
def mine(request):
    profile = TalentProfile.objects.filter(person=request.user).prefetch_related("skills").first()
    # A profile belongs to a household's neighborhood: an administrator passes every permission
    # but, without a household, has no neighborhood whose skills the form could offer.
    can_declare = request.user.is_verified and request.user.has_perm("talent.declare")
    form = None
    if can_declare:
        skills = selectors.skills_of(request.user.household.neighborhood_id)
        initial = {"availability": "flexible", "visibility": "committee"}
        if profile:
            initial = {
                "skills": list(profile.skills.all()),
                "tags": profile.tags,
                "background": profile.background,
                "languages": profile.languages,
                "help_kinds": [k for k in profile.help_kinds.split(",") if k],
                "availability": profile.availability,
                "visibility": profile.visibility,
                "contact_allowed": profile.contact_allowed,
                "consent": profile.is_active,
            }
        form = ProfileForm(request.POST or None, initial=initial, skills=skills)
        if request.method == "POST" and form.is_valid():
            try:
                actions.profile_save(person=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request, _("Your talent profile is saved. Thank you for offering to help!")
                )
                return redirect("talent:mine")
    elif request.method == "POST":
        raise PermissionDenied(_("Only verified residents can join the talent pool."))
    invitations = paginate(request, selectors.invitations_for(request.user), per_page=20)
    return render(
        request,
        "talent/profile_mine.html",
        {
            "profile": profile,
            "form": form,
            "invitations": invitations,
            "respond_form": RespondForm(),
        },
    )


@login_required
@require_POST
def withdraw(request):
    profile = actions.profile_withdraw(person=request.user)
    if profile is not None:
        messages.success(
            request, _("Your consent is withdrawn: nobody can see or invite your profile any more.")
        )
    return redirect("talent:mine")


@login_required
@require_POST
def invitation_respond(request, pk):
    invitation = get_object_or_404(
        Invitation.objects.select_related("profile__neighborhood"), pk=pk
    )
    require(request.user, "talent.respond_invitation", invitation)
    form = RespondForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you accept or decline."))
        return redirect("talent:mine")
    run_action(
        request,
        actions.invitation_respond,
        success=_("Thank you, your answer was sent to the committee."),
        invitation=invitation,
        accept=form.cleaned_data["answer"] == "accept",
        note=form.cleaned_data["note"],
        actor=request.user,
    )
    return redirect("talent:mine")


@cached_page
@login_required
def profile_list(request, slug):
    neighborhood = _neighborhood(slug, request.user, "talent.browse")
    staff = request.user.has_perm("talent.search", neighborhood)
    skills = list(selectors.skills_of(neighborhood))
    buildings = list(selectors.buildings_of(neighborhood)) if staff else None
    form = SearchForm(request.GET or None, skills=skills, buildings=buildings)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.profile_search(
        neighborhood=neighborhood,
        staff=staff,
        q=filters.get("q", ""),
        skill=filters.get("skill"),
        language=filters.get("language", ""),
        building=filters.get("building"),
        availability=filters.get("availability", ""),
        help_kind=filters.get("help", ""),
        viewer=request.user,
    )
    return render(
        request,
        "talent/profile_list.html",
        {
            "neighborhood": neighborhood,
            "filters": filters,
            "page": paginate(request, found, per_page=20),
            "staff": staff,
            "skills": skills,
            "buildings": buildings,
            "availabilities": Availability.choices,
            "help_kinds": HelpKind.choices,
            "filtered": any(
                filters.get(k) for k in ("skill", "language", "building", "availability", "help")
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_detail(request, pk):
    profile = selectors.profile_detail(pk)
    if profile is None:
        raise PermissionDenied(_("This profile does not exist or is not shown to you."))
    require(request.user, "talent.view_profile", profile, _("This profile is not shown to you."))
    can_invite = profile.is_active and request.user.has_perm("talent.invite", profile)
    form = (
        InviteForm(
            request.POST or None,
            initial={
                "target_kind": request.GET.get("kind", "topic"),
                "target_label": request.GET.get("label", "")[:200],
                "target_id": request.GET.get("id")
                if (request.GET.get("id") or "").isdigit()
                else None,
                "target_url": request.GET.get("url", "")[:300],
            },
        )
        if can_invite
        else None
    )
    if request.method == "POST":
        require(request.user, "talent.invite", profile)
        if form is not None and form.is_valid():
            try:
                actions.invitation_create(profile=profile, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(person)s.") % {"person": profile.person.public_name},
                )
                return redirect("talent:profile-detail", profile.pk)
        elif form is None:
            messages.error(
                request,
                _("%(person)s has withdrawn consent and cannot be invited.")
                % {"person": profile.person.public_name},
            )
            return redirect("talent:profile-detail", profile.pk)
    return render(
        request,
        "talent/profile_detail.html",
        {
            "profile": profile,
            "form": form,
            "can_contact": request.user.has_perm("talent.view_contact", profile),
            "contributions": selectors.contributions(profile),
            "work": selectors.project_work(profile),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def skill_list(request, slug):
    neighborhood = _neighborhood(slug, request.user, "talent.manage_skills")
    form = SkillForm(request.POST or None)
    if request.method == "POST":
        if "delete" in request.POST:
            skill = get_object_or_404(
                Skill,
                pk=request.POST.get("delete") if str(request.POST.get("delete")).isdigit() else 0,
                neighborhood=neighborhood,
            )
            actions.skill_delete(skill=skill, actor=request.user)
            messages.success(request, _("Skill removed: %(name)s") % {"name": skill.name})
            return redirect("talent:skill-list", slug)
        if form.is_valid():
            try:
                actions.skill_create(
                    neighborhood=neighborhood, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Skill added."))
                return redirect("talent:skill-list", slug)
    return render(
        request,
        "talent/skill_list.html",
        {"neighborhood": neighborhood, "form": form, "skills": selectors.skills_of(neighborhood)},
    )


@login_required
def invitation_list(request, slug):
    neighborhood = _neighborhood(slug, request.user, "talent.view_invitations")
    status = request.GET.get("status", "")
    counts = selectors.invitation_counts(neighborhood)
    return render(
        request,
        "talent/invitation_list.html",
        {
            "neighborhood": neighborhood,
            "status": status,
            "statuses": [
                (value, label, counts.get(value, 0)) for value, label in Invitation.Status.choices
            ],
            "page": paginate(request, selectors.invitations_of(neighborhood, status), per_page=30),
        },
    )


@login_required
def match_any(request):
    """/talent/match/?q=…: the staff member's own neighborhood's "who could answer this?"."""
    ids = sorted(
        i
        for i in staff_neighborhood_ids(request.user)
        if request.user.has_perm("talent.match", Neighborhood(pk=i))
    )
    if not ids:
        raise PermissionDenied(_("This page is for committee staff."))
    target = Neighborhood.objects.get(pk=ids[0]).slug
    query = request.GET.urlencode()
    return redirect(f"/talent/n/{target}/match/" + (f"?{query}" if query else ""))


@cached_page
@login_required
def match(request, slug):
    """Who could answer this? ?q=<text>&circles=<names>; the forum links here from a topic."""
    neighborhood = _neighborhood(slug, request.user, "talent.match")
    form = MatchForm(request.GET or None)
    results = None
    if form.is_valid() and (form.cleaned_data["q"] or form.cleaned_data["circles"]):
        circles = [
            c.strip()
            for c in form.cleaned_data["circles"].replace("，", ",").split(",")
            if c.strip()
        ]
        results = selectors.talent_match(
            neighborhood=neighborhood, text=form.cleaned_data["q"], circles=circles
        )
    return render(
        request,
        "talent/match.html",
        {
            "neighborhood": neighborhood,
            "form": form,
            "results": results,
            "label": request.GET.get("label", "")[:200],
            "kind": request.GET.get("kind", "topic")[:20],
            "target_id": request.GET.get("id", "")[:20],
            "url": request.GET.get("url", "")[:300],
        },
    )
