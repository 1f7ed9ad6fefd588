"""Public and resident pages: home, neighborhood, building, own profile and household."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from linli.core.forms import run_action
from linli.core.home import collect_cards
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require

from .. import actions, selectors
from ..forms import ProfileForm
from ..models import Building, Neighborhood


@cached_page
def home(request):
    """What is new and what awaits this person: cards from every capability (core/home.py)."""
    return render(
        request,
        "community/home.html",
        {
            "cards": collect_cards(request),
            "neighborhoods": Neighborhood.objects.select_related("street").order_by("name")[:20],
        },
    )


@cached_page
def neighborhood_detail(request, slug):
    neighborhood = get_object_or_404(Neighborhood.objects.select_related("street"), slug=slug)
    require(request.user, "community.view_neighborhood", neighborhood)
    return render(
        request,
        "community/neighborhood_detail.html",
        {
            "neighborhood": neighborhood,
            "compounds": selectors.neighborhood_tree(neighborhood),
            "can_manage": request.user.has_perm("community.manage_neighborhood", neighborhood),
        },
    )


@cached_page
def building_detail(request, pk):
    building = get_object_or_404(Building.objects.select_related("compound", "neighborhood"), pk=pk)
    require(request.user, "community.view_neighborhood", building.neighborhood)
    can_list = request.user.has_perm("community.list_building_households", building)
    households = rows = None
    if can_list:
        households = paginate(
            request,
            selectors.household_rows(neighborhood=building.neighborhood, building_id=building.pk),
            per_page=100,
        )
        rows = selectors.with_residents(households.object_list)
    return render(
        request,
        "community/building_detail.html",
        {
            "building": building,
            "households": households,
            "rows": rows,
            "can_list": can_list,
            "can_invite": request.user.has_perm("community.manage_invitations", building),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    me = selectors.user_with_household(request.user)
    form = ProfileForm(
        request.POST or None,
        initial={
            "display_name": me.display_name,
            "skills": me.skills,
            "real_name": me.real_name,
            "phone": me.phone,
            "language": me.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request, actions.profile_update, form=form, resident=me, **form.cleaned_data
        )
        if done.ok:
            translation.activate(me.language)
            response = redirect("community:profile")
            response.set_cookie("django_language", me.language, samesite="Lax")
            messages.success(request, _("Your profile is saved."))
            return response
    return render(request, "community/profile.html", {"me": me, "form": form})


@login_required
def household_mine(request):
    me = selectors.user_with_household(request.user)
    if not me.household_id:
        return redirect("community:verification-request")
    household = selectors.household_detail(me.household_id)
    require(request.user, "community.view_household", household)
    return render(request, "community/household_mine.html", {"me": me, "household": household})
