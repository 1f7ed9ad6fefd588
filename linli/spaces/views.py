"""Pages for spaces: list, detail with free times and the booking form, week view,
my bookings, the staff queue. Thin: load → permission → one action → redirect."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.community.models import Neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.core.errors import first_message
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require
from linli.core.text import render_markdown

from . import actions, selectors
from .forms import BookingForm, RejectForm, SpaceForm
from .models import Booking, Space


def _date_param(request, name, default):
    try:
        return date.fromisoformat(request.GET.get(name) or "")
    except ValueError:
        return default


def space_index(request):
    """All spaces (or, for a resident, their own neighborhood's first)."""
    household = getattr(request.user, "household", None) if request.user.is_authenticated else None
    if household is not None:
        return redirect("spaces:space-list", slug=household.neighborhood.slug)
    page = paginate(
        request,
        Space.objects.filter(active=True)
        .select_related("neighborhood")
        .order_by("neighborhood__name", "name"),
    )
    return render(request, "spaces/space_index.html", {"page": page})


def space_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "spaces.view_space")
    return render(
        request,
        "spaces/space_list.html",
        {
            "neighborhood": neighborhood,
            "spaces": list(selectors.spaces_of(neighborhood)),
            "can_manage": request.user.has_perm("spaces.manage_space", neighborhood),
            "waiting": selectors.upcoming_count(neighborhood.pk)
            if request.user.has_perm("spaces.approve_booking", neighborhood)
            else None,
        },
    )


@cached_page
@require_http_methods(["GET", "POST"])
def space_detail(request, pk):
    space = get_object_or_404(Space.objects.select_related("neighborhood"), pk=pk)
    require(request.user, "spaces.view_space", space)
    can_book = request.user.has_perm("spaces.book_space", space)
    today = timezone.localdate()
    day = _date_param(request, "date", today)
    form = BookingForm(request.POST or None, initial={"date": day, "weeks": 1})
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        require(
            request.user,
            "spaces.book_space",
            space,
            _("Only verified residents of this neighborhood can book its spaces."),
        )
        if form.is_valid():
            d = form.cleaned_data
            try:
                made = actions.booking_request(
                    space=space,
                    starts_at=d["starts_at"],
                    ends_at=d["ends_at"],
                    purpose=d["purpose"],
                    requester=request.user,
                    recurrence=actions.Weekly(d["weeks"]) if d["weeks"] > 1 else None,
                )
            except ValidationError as error:
                form.add_error(None, first_message(error))
            else:
                approved = made[0].status == Booking.Status.APPROVED
                messages.success(
                    request,
                    _("Booked.")
                    if approved
                    else _("Your request is sent. Staff will approve it, and you will be told."),
                )
                return redirect("spaces:booking-mine")
        day = form.cleaned_data.get("date", day) if hasattr(form, "cleaned_data") else day
    return render(
        request,
        "spaces/space_detail.html",
        {
            "space": space,
            "form": form,
            "can_book": can_book,
            "day": day,
            "slots": selectors.free_slots(space=space, day=day, minutes=60) if day >= today else [],
            "description": render_markdown(space.description),
            "rules_html": render_markdown(space.rules),
            "can_manage": request.user.has_perm("spaces.manage_space", space),
            "prev_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
        },
    )


def _login_url():
    from django.conf import settings
    from django.urls import reverse

    return reverse(settings.LOGIN_URL)


@cached_page
def space_week(request, pk):
    space = get_object_or_404(Space.objects.select_related("neighborhood"), pk=pk)
    require(request.user, "spaces.view_space", space)
    monday = selectors.week_of(_date_param(request, "week", timezone.localdate()))
    days = selectors.week_view(
        space,
        monday,
        viewer=request.user,
        moderator=request.user.has_perm("moderation.review", space.neighborhood),
    )
    show_people = request.user.has_perm("spaces.approve_booking", space)
    return render(
        request,
        "spaces/space_week.html",
        {
            "space": space,
            "days": days,
            "monday": monday,
            "show_people": show_people,
            "prev_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
            "today": timezone.localdate(),
        },
    )


@login_required
def booking_mine(request):
    page = paginate(request, selectors.bookings_of(request.user), per_page=20)
    return render(request, "spaces/booking_mine.html", {"page": page, "now": timezone.now()})


@login_required
def booking_queue(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "spaces.approve_booking")
    page = paginate(request, selectors.booking_queue(neighborhood), per_page=30)
    return render(
        request, "spaces/booking_queue.html", {"neighborhood": neighborhood, "page": page}
    )


@login_required
@require_POST
def booking_decide(request, pk, decision):
    booking = get_object_or_404(Booking.objects.select_related("space__neighborhood"), pk=pk)
    try:
        if decision == "approve":
            actions.booking_approve(booking=booking, actor=request.user)
            messages.success(request, _("Approved."))
        elif decision == "reject":
            form = RejectForm(request.POST)
            reason = form.data.get("reason", "")
            actions.booking_reject(booking=booking, actor=request.user, reason=reason)
            messages.success(request, _("Declined."))
        else:
            actions.booking_cancel(
                booking=booking, actor=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The booking is cancelled; the time is free again."))
    except ValidationError as error:
        messages.error(request, first_message(error))
    next_url = request.POST.get("next", "")
    from django.utils.http import url_has_allowed_host_and_scheme

    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    if decision == "cancel" and booking.requester_id == request.user.pk:
        return redirect("spaces:booking-mine")
    return redirect("spaces:booking-queue", slug=booking.space.neighborhood.slug)


@login_required
@require_http_methods(["GET", "POST"])
def space_edit(request, pk=None, slug=None):
    space = get_object_or_404(Space.objects.select_related("neighborhood"), pk=pk) if pk else None
    neighborhood = space.neighborhood if space else get_object_or_404(Neighborhood, slug=slug)
    require(request.user, "spaces.manage_space", neighborhood)
    form = SpaceForm(request.POST or None, request.FILES or None, instance=space)
    if request.method == "POST" and form.is_valid():
        fields = {
            k: v for k, v in form.cleaned_data.items() if not (k == "photo" and v in (None, ""))
        }
        if form.cleaned_data.get("photo") is False:
            fields["photo"] = ""
        try:
            saved = actions.space_save(
                actor=request.user,
                neighborhood=neighborhood,
                space=Space.objects.get(pk=space.pk) if space else None,
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, first_message(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return render(
        request,
        "spaces/space_form.html",
        {"form": form, "space": space, "neighborhood": neighborhood},
    )
