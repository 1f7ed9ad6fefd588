"""Activity pages: list, month calendar, detail with registration, check-in and photos, staff publishing, iCal."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.selectors import neighborhood_to_open
from linli.community.shortcuts import neighborhood_or_404
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require

from . import actions, edit_actions, feeds, selectors
from .forms import ActivityForm, CheckinForm, PhotoForm
from .models import Activity, Registration


def _spaces_of(neighborhood):
    try:
        from linli.spaces.selectors import spaces_of
    except ImportError:  # pragma: no cover
        return []
    return [s for s in spaces_of(neighborhood) if s.active]


def index(request):
    neighborhood = neighborhood_to_open(request.user)
    if neighborhood is None:
        return render(request, "sorting/empty.html")
    return redirect("activities:activity-list", slug=neighborhood.slug)


def _error(request, error):
    messages.error(request, " ".join(error.messages))


@cached_page
def activity_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "activities.view_activity")
    show_past = request.GET.get("past") == "1"
    page = paginate(
        request,
        selectors.past(neighborhood) if show_past else selectors.upcoming(neighborhood),
        per_page=20,
    )
    mine = selectors.my_registrations_for(request.user, [a.pk for a in page.object_list])
    for a in page.object_list:
        a.my_registration = mine.get(a.pk)
    return render(
        request,
        "activities/activity_list.html",
        {
            "neighborhood": neighborhood,
            "page": page,
            "show_past": show_past,
            "can_manage": request.user.has_perm("activities.manage_activity", neighborhood),
        },
    )


def _month(request):
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


@cached_page
def activity_calendar(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "activities.view_activity")
    first = _month(request)
    weeks, activities = selectors.month_calendar(neighborhood, first)
    previous = (first - timezone.timedelta(days=1)).replace(day=1)
    following = (first + timezone.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "activities/activity_calendar.html",
        {
            "neighborhood": neighborhood,
            "first": first,
            "weeks": weeks,
            "activities": activities,
            "previous": previous,
            "following": following,
            "today": timezone.localdate(),
        },
    )


def activity_detail(request, pk):
    activity = selectors.shown_activity(pk, request.user)
    if activity is None:
        raise Http404
    require(request.user, "activities.view_activity", activity)
    can_manage = request.user.has_perm("activities.manage_activity", activity)
    mine = selectors.my_registrations_for(request.user, [activity.pk]).get(activity.pk)
    now = timezone.now()
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "can_manage": can_manage,
            "can_edit": request.user.has_perm("activities.edit_activity", activity),
            "mine": mine,
            "position": selectors.waiting_position(mine),
            "now": now,
            "can_register": request.user.has_perm("activities.register", activity),
            "checkin_open": activity.starts_at - actions.CHECKIN_OPENS <= now <= activity.ends_at,
            "registrations": selectors.registrations(activity) if can_manage else None,
            "photos": selectors.photos(activity) if activity.photo_count else [],
            "checkin_form": CheckinForm(),
            "photo_form": PhotoForm() if can_manage else None,
        },
    )


@login_required
@require_POST
def register(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    try:
        registration = actions.registration_create(activity=activity, person=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        if registration.status == Registration.Status.WAITING:
            messages.info(
                request,
                _(
                    "The activity is full: you are on the waiting list. We will tell you if a place frees up."
                ),
            )
        else:
            messages.success(request, _("You are registered. See you there!"))
    return redirect(activity.get_absolute_url())


@login_required
@require_POST
def registration_cancel(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("activity"), pk=pk)
    try:
        actions.registration_cancel(registration=registration, actor=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(registration.activity.get_absolute_url())


@login_required
@require_POST
def checkin(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    form = CheckinForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(
                _(
                    "This check-in code is not right, or you are not registered for this activity. "
                    "Ask the organisers."
                )
            )
        actions.checkin_with_code(
            activity=activity, person=request.user, code=form.cleaned_data["code"]
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("You are checked in. Enjoy!"))
    return redirect(activity.get_absolute_url())


@login_required
@require_POST
def checkin_staff(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("activity"), pk=pk)
    try:
        actions.checkin_by_staff(registration=registration, actor=request.user)
    except ValidationError as error:
        _error(request, error)
    return redirect(registration.activity.get_absolute_url() + "#h-reg")


@login_required
@require_POST
def photo_add(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    require(request.user, "activities.manage_activity", activity)
    form = PhotoForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(" ".join(e for errors in form.errors.values() for e in errors))
        actions.photo_add(activity=activity, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Photo added."))
    return redirect(activity.get_absolute_url())


@login_required
@require_POST
def activity_cancel(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    try:
        actions.activity_cancel(
            activity=activity, actor=request.user, reason=request.POST.get("reason", "")[:200]
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The activity is cancelled and everyone registered was told."))
    return redirect(activity.get_absolute_url())


@login_required
def activity_new(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "activities.manage_activity")
    spaces = _spaces_of(neighborhood)
    form = ActivityForm(request.POST or None, spaces=spaces, initial={"waiting_list": True})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        space_id = data.pop("space", None)
        space = next((s for s in spaces if s.pk == space_id), None)
        try:
            activity = actions.activity_publish(
                neighborhood=neighborhood, actor=request.user, space=space, **data
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("space" if space else None, error)
        else:
            messages.success(request, _("The activity is published."))
            return redirect(activity.get_absolute_url())
    return render(
        request, "activities/activity_form.html", {"neighborhood": neighborhood, "form": form}
    )


@login_required
def activity_edit(request, pk):
    """Staff fix a published activity (not its booked space); the registered are told of a new
    time or place."""
    activity = get_object_or_404(Activity.objects.select_related("neighborhood"), pk=pk)
    require(
        request.user,
        "activities.edit_activity",
        activity,
        _("Only committee staff may edit activities."),
    )
    initial = {f: getattr(activity, f) for f in edit_actions.FIELDS}
    form = ActivityForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            edit_actions.activity_edit(activity=activity, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(activity.get_absolute_url())
    return render(
        request,
        "activities/activity_form.html",
        {"neighborhood": activity.neighborhood, "form": form, "activity": activity},
        status=422 if form.errors else 200,
    )


def activity_feed(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "activities.view_activity")
    response = HttpResponse(
        feeds.activities_calendar(neighborhood, selectors.feed_activities(neighborhood)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{neighborhood.slug}-activities.ics"'
    return response
