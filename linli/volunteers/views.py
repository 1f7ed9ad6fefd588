"""Volunteer pages: shifts, signing up, swapping and cancelling, staff publishing and confirming, a person's hours."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from linli.community.selectors import neighborhood_to_open
from linli.community.shortcuts import neighborhood_or_404
from linli.core import charts
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require

from . import actions, edit_actions, selectors
from .forms import ConsentForm, ShiftForm, SwapForm
from .models import Shift, SignUp


def index(request):
    neighborhood = neighborhood_to_open(request.user)
    if neighborhood is None:
        return render(request, "sorting/empty.html")
    return redirect("volunteers:shift-list", slug=neighborhood.slug)


def _error(request, error):
    messages.error(request, " ".join(error.messages))


@cached_page
@login_required
def shift_list(request, slug):
    neighborhood = neighborhood_or_404(
        request,
        slug,
        "volunteers.view_shifts",
        _("Volunteer shifts are for residents of this neighborhood."),
    )
    sort = request.GET.get("sort", "") if request.GET.get("sort", "") in Shift.Sort.values else ""
    page = paginate(request, selectors.upcoming_shifts(neighborhood, sort), per_page=30)
    mine = selectors.my_signups_for(request.user, [s.pk for s in page.object_list])
    for shift in page.object_list:
        shift.my_signup = mine.get(shift.pk)
    return render(
        request,
        "volunteers/shift_list.html",
        {
            "neighborhood": neighborhood,
            "page": page,
            "sort": sort,
            "sorts": Shift.Sort.choices,
            "my_upcoming": selectors.my_upcoming(request.user),
            "can_sign_up": request.user.has_perm("volunteers.sign_up", neighborhood),
            "can_manage": request.user.has_perm("volunteers.manage_shifts", neighborhood),
            "top": selectors.top_volunteers(neighborhood.pk),
        },
    )


@login_required
def shift_detail(request, pk):
    shift = selectors.shown_shift(pk, request.user) or get_object_or_404(Shift, pk=0)
    require(
        request.user,
        "volunteers.view_shifts",
        shift,
        _("Volunteer shifts are for residents of this neighborhood."),
    )
    can_manage = request.user.has_perm("volunteers.manage_shifts", shift)
    my_signup = selectors.my_signups_for(request.user, [shift.pk]).get(shift.pk)
    targets = selectors.swap_targets(shift) if my_signup else []
    return render(
        request,
        "volunteers/shift_detail.html",
        {
            "shift": shift,
            "can_manage": can_manage,
            "can_edit": request.user.has_perm("volunteers.edit_shift", shift),
            "my_signup": my_signup,
            "now": timezone.now(),
            "signups": selectors.shift_signups(shift) if can_manage else None,
            "swap_form": SwapForm(targets=targets) if targets else None,
            "can_sign_up": request.user.has_perm("volunteers.sign_up", shift),
        },
    )


@login_required
@require_POST
def signup_create(request, pk):
    shift = get_object_or_404(Shift, pk=pk)
    try:
        actions.signup_create(shift=shift, person=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("You are signed up. We will remind you the day before."))
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/volunteers/")
        else shift.get_absolute_url()
    )


@login_required
@require_POST
def signup_cancel(request, pk):
    signup = get_object_or_404(SignUp.objects.select_related("shift"), pk=pk)
    try:
        actions.signup_cancel(signup=signup, actor=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request, _("Your sign-up is cancelled; the place is free for someone else.")
        )
    return redirect(signup.shift.get_absolute_url())


@login_required
@require_POST
def signup_swap(request, pk):
    signup = get_object_or_404(SignUp.objects.select_related("shift"), pk=pk)
    require(
        request.user, "volunteers.change_signup", signup, _("You can only change your own sign-up.")
    )
    form = SwapForm(request.POST, targets=selectors.swap_targets(signup.shift))
    if not form.is_valid():
        messages.error(request, _("Choose another open shift."))
        return redirect(signup.shift.get_absolute_url())
    try:
        created = actions.signup_swap(
            signup=signup, to_shift=form.cleaned_data["to_shift"], actor=request.user
        )
    except ValidationError as error:
        _error(request, error)
        return redirect(signup.shift.get_absolute_url())
    messages.success(request, _("Done: you moved to this shift."))
    return redirect(created.shift.get_absolute_url())


@login_required
def shift_new(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "volunteers.manage_shifts")
    form = ShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        weeks = data.pop("repeat_weeks") or 1
        try:
            for week in range(weeks):
                offset = timedelta(weeks=week)
                actions.shift_publish(
                    neighborhood=neighborhood,
                    actor=request.user,
                    **{
                        **data,
                        "starts_at": data["starts_at"] + offset,
                        "ends_at": data["ends_at"] + offset,
                    },
                )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext("Published %(n)s shift.", "Published %(n)s shifts.", weeks) % {"n": weeks},
            )
            return redirect("volunteers:shift-list", slug=slug)
    return render(
        request, "volunteers/shift_form.html", {"neighborhood": neighborhood, "form": form}
    )


@login_required
@require_POST
def shift_confirm(request, pk):
    shift = get_object_or_404(Shift, pk=pk)
    require(request.user, "volunteers.manage_shifts", shift)
    try:
        ids = [int(i) for i in request.POST.getlist("attended")]
        hours = request.POST.get("hours") or None
        n = actions.shift_confirm(shift=shift, actor=request.user, attended_ids=ids, hours=hours)
    except (ValueError, ArithmeticError):
        messages.error(request, _("Hours must be between 0.5 and 24."))
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "Confirmed: %(n)s volunteer credited.", "Confirmed: %(n)s volunteers credited.", n
            )
            % {"n": n},
        )
    return redirect(shift.get_absolute_url())


@login_required
@require_POST
def shift_cancel(request, pk):
    shift = get_object_or_404(Shift, pk=pk)
    try:
        actions.shift_cancel(shift=shift, actor=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The shift is cancelled and its volunteers were told."))
    return redirect(shift.get_absolute_url())


@login_required
def me(request):
    return redirect("volunteers:person", pk=request.user.pk)


def person(request, pk):
    """A volunteer's hours and contributions: themselves, staff, or everyone if they agreed."""
    person = get_object_or_404(
        get_user_model().objects.select_related("household"), pk=pk, deleted_at=None
    )
    volunteer = selectors.volunteer_of(person)
    person.volunteer_shown = volunteer.show_on_profile
    require(
        request.user,
        "volunteers.view_hours",
        person,
        _("This volunteer has not chosen to show their hours."),
    )
    is_me = request.user.pk == person.pk
    form = ConsentForm(request.POST or None, initial={"show_on_profile": volunteer.show_on_profile})
    if is_me and request.method == "POST" and form.is_valid():
        actions.consent_set(person=person, show=form.cleaned_data["show_on_profile"])
        messages.success(request, _("Your choice is saved."))
        return redirect("volunteers:person", pk=pk)
    from linli.sorting.selectors import months_back

    months = months_back(timezone.localdate(), 12)
    by_month = selectors.hours_by_month(person, months)
    chart = charts.bar(
        _("Volunteer hours by month"),
        [f"{m:%m}" for m, _h in by_month],
        {_("Hours"): [h for _m, h in by_month]},
        show_legend=False,
        height=220,
    )
    return render(
        request,
        "volunteers/person.html",
        {
            "person": person,
            "volunteer": volunteer,
            "is_me": is_me,
            "form": form,
            "chart": chart,
            "by_month": by_month,
            "contributions": paginate(request, selectors.contributions(person), per_page=20),
            "upcoming": selectors.my_upcoming(person) if is_me else [],
        },
    )


@login_required
def shift_edit(request, pk):
    """Staff fix an open shift; the volunteers signed up are told of a new time or place."""
    shift = get_object_or_404(Shift.objects.select_related("neighborhood"), pk=pk)
    require(
        request.user, "volunteers.edit_shift", shift, _("Only committee staff may edit shifts.")
    )
    initial = {f: getattr(shift, f) for f in edit_actions.FIELDS}
    form = ShiftForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in edit_actions.FIELDS}
        if data.get("hours") is None:
            data.pop("hours", None)
        try:
            edit_actions.shift_edit(shift=shift, actor=request.user, **data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The shift is saved."))
            return redirect(shift.get_absolute_url())
    return render(
        request,
        "volunteers/shift_form.html",
        {"neighborhood": shift.neighborhood, "form": form, "shift": shift},
        status=422 if form.errors else 200,
    )
