"""Committee staff pages: households, import, invitation letters, verification, roles."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from linli.core.errors import first_message
from linli.core.forms import run_action
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require
from linli.core.search import search_query

from .. import actions, selectors
from ..forms import (
    GenerateCodesForm,
    ImportForm,
    RejectForm,
    RoleGrantForm,
    StreetRoleGrantForm,
    VerifyByHandForm,
)
from ..imports import IMPORT_COLUMNS_HELP, ImportRejected, household_import
from ..models import Compound, Household, Neighborhood, Role, Street, VerificationRequest
from ..predicates import (
    grantable_kinds,
    led_building_ids,
    staff_neighborhood_ids,
    street_grantable_kinds,
)


def _neighborhood(request, slug, perm="community.manage_neighborhood"):
    neighborhood = get_object_or_404(Neighborhood.objects.select_related("street"), slug=slug)
    require(request.user, perm, neighborhood)
    return neighborhood


@login_required
def staff_index(request):
    require(
        request.user,
        "community.open_staff_index",
        message=_("This page is for committee and street staff."),
    )
    ids = staff_neighborhood_ids(request.user)
    if len(ids) == 1:
        return redirect(
            "community:staff-dashboard", Neighborhood.objects.get(pk=next(iter(ids))).slug
        )
    return render(
        request,
        "community/staff_index.html",
        {"neighborhoods": selectors.staff_neighborhoods(request.user)},
    )


@login_required
def staff_dashboard(request, slug):
    neighborhood = _neighborhood(request, slug)
    can_personal = request.user.has_perm("community.list_households", neighborhood)
    return render(
        request,
        "community/staff_dashboard.html",
        {
            "neighborhood": neighborhood,
            "compounds": selectors.neighborhood_tree(neighborhood),
            "pending_count": selectors.pending_verifications(neighborhood).count()
            if can_personal
            else None,
            "can_personal": can_personal,
            "can_roles": request.user.has_perm("community.manage_roles", neighborhood),
        },
    )


@cached_page
@login_required
def household_list(request, slug):
    neighborhood = _neighborhood(request, slug, "community.list_households")
    q = search_query(request.GET.get("q"))
    building_id = request.GET.get("building") or None
    if building_id and not (
        building_id.isascii() and building_id.isdigit() and len(building_id) < 10
    ):
        building_id = None
    page = paginate(
        request,
        selectors.household_rows(neighborhood=neighborhood, building_id=building_id, search=q),
        per_page=50,
    )
    return render(
        request,
        "community/household_list.html",
        {
            "neighborhood": neighborhood,
            "page": page,
            "rows": selectors.with_residents(page.object_list),
            "buildings": selectors.buildings_of(neighborhood),
            "building_id": int(building_id) if building_id else None,
            "q": q,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_import_view(request, slug):
    neighborhood = _neighborhood(request, slug, "community.import_households")
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        compounds=Compound.objects.filter(neighborhood=neighborhood),
    )
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = household_import(
                compound=form.cleaned_data["compound"],
                data=upload.read(),
                filename=upload.name,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        except ImportRejected as rejected:
            report = rejected.report
        else:
            messages.success(
                request,
                _(
                    "Imported: %(created)s new households, %(updated)s updated, %(buildings)s new buildings."
                )
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "buildings": report.buildings_created,
                },
            )
            return redirect("community:household-list", neighborhood.slug)
    return render(
        request,
        "community/household_import.html",
        {
            "neighborhood": neighborhood,
            "form": form,
            "report": report,
            "columns_help": IMPORT_COLUMNS_HELP,
        },
    )


@login_required
def household_detail(request, pk):
    household = get_object_or_404(
        Household.objects.select_related("building__compound", "neighborhood"), pk=pk
    )
    require(request.user, "community.view_household", household)
    household = selectors.household_detail(pk)
    can_codes = request.user.has_perm("community.manage_invitations", household)
    return render(
        request,
        "community/household_detail.html",
        {
            "household": household,
            "open_code": selectors.household_open_code(household) if can_codes else None,
            "can_codes": can_codes,
            "can_verify": request.user.has_perm("community.verify_residents", household),
            "verify_form": VerifyByHandForm(),
        },
    )


@login_required
@require_POST
def household_verify(request, pk):
    household = get_object_or_404(Household, pk=pk)
    require(request.user, "community.verify_residents", household)
    form = VerifyByHandForm(request.POST)
    if form.is_valid():
        person = form.cleaned_data["username"]
        actions.resident_verify(resident=person, household=household, actor=request.user)
        messages.success(
            request,
            _("%(person)s is now verified as a resident of this household.")
            % {"person": person.public_name},
        )
    else:
        messages.error(request, first_message(ValidationError(form.errors["username"])))
    return redirect("community:household-detail", household.pk)


@login_required
@require_POST
def household_code_revoke(request, pk):
    household = get_object_or_404(Household, pk=pk)
    require(request.user, "community.manage_invitations", household)
    count = actions.invitation_revoke(household=household, actor=request.user)
    messages.success(
        request,
        ngettext("Withdrawn: %(n)s invitation code.", "Withdrawn: %(n)s invitation codes.", count)
        % {"n": count},
    )
    return redirect("community:household-detail", household.pk)


def _letters(request, issued):
    letters = []
    for item in issued:
        url = request.build_absolute_uri(reverse("signup") + "?code=" + item.code)
        letters.append(
            {
                "household": item.household,
                "code": item.code,
                "url": url,
                "qr": segno.make(url, error="m").svg_inline(scale=3, dark="#000", omitsize=True),
            }
        )
    return letters


@login_required
@require_POST
def household_code_generate(request, pk):
    household = get_object_or_404(
        Household.objects.select_related("building__compound", "neighborhood"), pk=pk
    )
    require(request.user, "community.manage_invitations", household)
    issued = actions.invitation_generate(households=[household], actor=request.user)
    return render(
        request,
        "community/invitation_sheet.html",
        {
            "neighborhood": household.neighborhood,
            "letters": _letters(request, issued),
            "building": household.building,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_index(request, slug):
    neighborhood = _neighborhood(request, slug, "community.open_invitations")
    # Committee staff print for every building; a building leader for the buildings they lead.
    buildings = selectors.buildings_of(neighborhood)
    if not request.user.has_perm("community.manage_invitations", neighborhood):
        buildings = buildings.filter(pk__in=led_building_ids(request.user))
    form = GenerateCodesForm(request.POST or None, buildings=buildings)
    if request.method == "POST" and form.is_valid():
        building = form.cleaned_data["building"]
        require(request.user, "community.manage_invitations", building)
        households = list(
            selectors.building_households_for_codes(
                building, form.cleaned_data["only_without_account"]
            )
        )
        if not households:
            messages.info(
                request, _("Every household of this building already has a verified resident.")
            )
            return redirect("community:invitation-index", neighborhood.slug)
        issued = actions.invitation_generate(households=households, actor=request.user)
        return render(
            request,
            "community/invitation_sheet.html",
            {
                "neighborhood": neighborhood,
                "letters": _letters(request, issued),
                "building": building,
            },
        )
    return render(
        request,
        "community/invitation_index.html",
        {
            "neighborhood": neighborhood,
            "form": form,
            "buildings": selectors.invitation_summary(neighborhood, buildings),
        },
    )


@login_required
def verification_list(request, slug):
    neighborhood = _neighborhood(request, slug, "community.view_verifications")
    # Committee staff see every request; a building leader those for the buildings they lead.
    buildings = (
        None
        if request.user.has_perm("community.list_households", neighborhood)
        else led_building_ids(request.user)
    )
    page = paginate(request, selectors.pending_verifications(neighborhood, buildings), per_page=50)
    return render(
        request,
        "community/verification_list.html",
        {"neighborhood": neighborhood, "page": page, "reject_form": RejectForm()},
    )


@login_required
@require_POST
def verification_decide(request, pk):
    item = get_object_or_404(
        VerificationRequest.objects.select_related("building", "neighborhood"), pk=pk
    )
    require(request.user, "community.verify_residents", item.building)
    approve = request.POST.get("decision") == "approve"
    run_action(
        request,
        actions.verification_request_decide,
        success=_("Verified.") if approve else _("Rejected; the resident will see your reason."),
        request=item,
        approve=approve,
        actor=request.user,
        reason=request.POST.get("reason", "")[:300],
    )
    return HttpResponseRedirect(
        reverse("community:verification-list", args=[item.neighborhood.slug])
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_list(request, slug):
    neighborhood = _neighborhood(request, slug, "community.manage_roles")
    form = RoleGrantForm(
        request.POST or None,
        buildings=selectors.buildings_of(neighborhood),
        kinds=grantable_kinds(request.user, neighborhood),
        actor=request.user,
        compounds=Compound.objects.filter(neighborhood=neighborhood),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            actions.role_grant,
            form=form,
            success=_("Role granted."),
            person=data["username"],
            kind=data["kind"],
            actor=request.user,
            neighborhood=neighborhood,
            building=data["building"] if data["kind"] == Role.Kind.BUILDING_LEADER else None,
            compound=data.get("compound"),
        )
        if done.ok:
            return redirect("community:role-list", neighborhood.slug)
    page = paginate(request, selectors.roles_in(neighborhood), per_page=100)
    for role in page.object_list:
        # (an administrator passes every rule, but removes no role of their own either)
        role.can_revoke = role.person_id != request.user.pk and request.user.has_perm(
            "community.revoke_role", role
        )
    return render(
        request,
        "community/role_list.html",
        {"neighborhood": neighborhood, "page": page, "form": form},
    )


@login_required
@require_POST
def role_revoke(request, pk):
    role = get_object_or_404(Role.objects.select_related("neighborhood", "person"), pk=pk)
    if role.neighborhood is None:
        raise PermissionDenied(_("Street roles are changed by an administrator."))
    require(request.user, "community.manage_roles", role.neighborhood)
    require(
        request.user,
        "community.revoke_role",
        role,
        _("You may remove only roles below your own, and never your own."),
    )
    run_action(
        request, actions.role_revoke, success=_("Role removed."), role=role, actor=request.user
    )
    return redirect("community:role-list", role.neighborhood.slug)


@login_required
@require_http_methods(["GET", "POST"])
def street_role_list(request, pk):
    """A street's roles: the head of the street office grants and removes street staff."""
    street = get_object_or_404(Street, pk=pk)
    require(
        request.user,
        "community.manage_street_roles",
        street,
        _("Only the head of the street office grants street roles."),
    )
    form = StreetRoleGrantForm(
        request.POST or None,
        kinds=street_grantable_kinds(request.user, street),
        actor=request.user,
    )
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.role_grant,
            form=form,
            success=_("Role granted."),
            person=form.cleaned_data["username"],
            kind=form.cleaned_data["kind"],
            actor=request.user,
            street=street,
        )
        if done.ok:
            return redirect("community:street-role-list", street.pk)
    page = paginate(request, selectors.street_roles(street), per_page=100)
    for role in page.object_list:
        role.can_revoke = role.person_id != request.user.pk and request.user.has_perm(
            "community.revoke_role", role
        )
    return render(
        request, "community/street_role_list.html", {"street": street, "page": page, "form": form}
    )


@login_required
@require_POST
def street_role_revoke(request, pk):
    role = get_object_or_404(Role.objects.select_related("street", "person"), pk=pk)
    if role.street is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    require(request.user, "community.manage_street_roles", role.street)
    require(
        request.user,
        "community.revoke_role",
        role,
        _("You may remove only roles below your own, and never your own."),
    )
    run_action(
        request, actions.role_revoke, success=_("Role removed."), role=role, actor=request.user
    )
    return redirect("community:street-role-list", role.street_id)
