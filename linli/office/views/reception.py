"""Reception-day pages: upcoming days with the calendar feed, one day with its slots,
minutes and staff moves; the iCalendar feeds."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.community.shortcuts import neighborhood_or_404
from linli.core.errors import first_message
from linli.core.pagecache import cached_page
from linli.core.perms import require
from linli.core.text import render_markdown

from .. import actions, ical, selectors
from ..actions.reception import slot_starts
from ..forms import MinuteForm, MoveForm, ReceptionDayForm, SlotForm, ToRequestForm
from ..models import MinuteItem, Occurrence, ReceptionSlot
from .common import back, fail


@cached_page
def reception_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "office.view_reception")
    from linli.core.paging import paginate

    return render(
        request,
        "office/reception_list.html",
        {
            "neighborhood": neighborhood,
            "upcoming": selectors.upcoming_occurrences(neighborhood),
            "series": selectors.reception_series(neighborhood),
            "past": paginate(request, selectors.past_occurrences(neighborhood), per_page=12),
            "can_manage": request.user.has_perm("office.manage_reception", neighborhood),
            "feed_url": request.build_absolute_uri(reverse("office:reception-feed", args=[slug])),
        },
    )


@require_http_methods(["GET", "POST"])
def reception_detail(request, pk):
    occ = get_object_or_404(
        Occurrence.objects.select_related("series__space", "neighborhood"), pk=pk
    )
    require(request.user, "office.view_reception", occ)
    user = request.user
    slots = selectors.slots_of(occ)
    taken = {s.starts_at for s in slots}
    free = [s for s in slot_starts(occ) if s not in taken]
    mine = next((s for s in slots if s.person_id == user.pk), None)
    form = SlotForm(request.POST or None, starts=free)
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        require(
            user,
            "office.book_reception",
            occ,
            _("Only verified residents of this neighborhood can book a slot."),
        )
        if form.is_valid():
            try:
                actions.slot_book(
                    occurrence=occ,
                    person=user,
                    starts_at=form.cleaned_data["starts_at"],
                    subject=form.cleaned_data["subject"],
                )
            except ValidationError as error:
                form.add_error(None, first_message(error))
            else:
                messages.success(
                    request, _("Your slot is booked. It is in your personal calendar too.")
                )
                return redirect(occ)
    can_minutes = user.has_perm("office.keep_minutes", occ)
    items = (
        list(occ.minute_items.select_related("raised_by", "request"))
        if user.has_perm("office.view_minutes", occ)
        else None
    )
    return render(
        request,
        "office/reception_detail.html",
        {
            "occ": occ,
            "series": occ.series,
            "slots": slots if user.has_perm("office.view_reception_bookings", occ) else None,
            "see_people": user.has_perm("office.see_slot_person", occ),
            "free": free,
            "mine": mine,
            "form": form,
            "slot_count": len(slots),
            "can_book": user.has_perm("office.book_reception", occ)
            and occ.status == "scheduled"
            and occ.starts_at > timezone.now(),
            "can_manage": user.has_perm("office.manage_reception", occ),
            "can_minutes": can_minutes,
            "items": items,
            "minute_form": MinuteForm(),
            "categories": list(selectors.categories_of(occ.neighborhood)) if can_minutes else [],
            "move_form": MoveForm(
                initial={
                    "date": timezone.localtime(occ.starts_at).date(),
                    "start": timezone.localtime(occ.starts_at).time(),
                    "end": timezone.localtime(occ.ends_at).time(),
                }
            ),
            "description_html": render_markdown(occ.series.description),
            "feed_url": request.build_absolute_uri(
                reverse("office:reception-feed", args=[occ.neighborhood.slug])
            ),
            "is_past": occ.ends_at < timezone.now(),
        },
    )


@login_required
@require_POST
def slot_cancel(request, pk):
    slot = get_object_or_404(ReceptionSlot.objects.select_related("occurrence"), pk=pk)
    try:
        actions.slot_cancel(slot=slot, actor=request.user)
        messages.success(request, _("The slot is cancelled."))
    except ValidationError as error:
        fail(request, error)
    return back(request, slot.occurrence.get_absolute_url())


@login_required
@require_POST
def occurrence_change(request, pk, what):
    occ = get_object_or_404(Occurrence.objects.select_related("series", "neighborhood"), pk=pk)
    try:
        if what == "cancel":
            actions.occurrence_cancel(
                occurrence=occ, actor=request.user, note=request.POST.get("note", "")
            )
            messages.success(
                request, _("This reception day is cancelled; residents who booked are told.")
            )
        else:
            form = MoveForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give a date, a start and an end."))
            actions.occurrence_move(
                occurrence=occ,
                actor=request.user,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Moved; residents who booked are told."))
    except ValidationError as error:
        fail(request, error)
    return redirect(occ)


@login_required
@require_POST
def minute_add(request, pk):
    occ = get_object_or_404(Occurrence.objects.select_related("neighborhood"), pk=pk)
    form = MinuteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write what was raised."))
        raised_by = None
        if form.cleaned_data.get("slot"):
            raised_by = (
                ReceptionSlot.objects.filter(pk=form.cleaned_data["slot"], occurrence=occ)
                .select_related("person")
                .first()
            )
            raised_by = raised_by.person if raised_by else None
        actions.minute_add(
            occurrence=occ, actor=request.user, text=form.cleaned_data["text"], raised_by=raised_by
        )
        messages.success(request, _("Added to the minutes."))
    except ValidationError as error:
        fail(request, error)
    return redirect(reverse("office:reception-detail", args=[occ.pk]) + "#minutes")


@login_required
@require_POST
def minute_to_request(request, pk):
    item = get_object_or_404(MinuteItem.objects.select_related("occurrence__neighborhood"), pk=pk)
    require(request.user, "office.keep_minutes", item.occurrence)
    form = ToRequestForm(request.POST, neighborhood=item.occurrence.neighborhood)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a category."))
        made = actions.minute_to_request(
            item=item, actor=request.user, category=form.cleaned_data["category"]
        )
        messages.success(request, _("Request #%(n)s is opened from the minutes.") % {"n": made.pk})
    except ValidationError as error:
        fail(request, error)
    return redirect(reverse("office:reception-detail", args=[item.occurrence_id]) + "#minutes")


@login_required
@require_http_methods(["GET", "POST"])
def reception_day_create(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "office.manage_reception")
    form = ReceptionDayForm(
        request.POST or None, neighborhood=neighborhood, initial={"starts_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.reception_day_create(
                actor=request.user, neighborhood=neighborhood, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, first_message(error))
        else:
            messages.success(request, _("The reception day is set up for the next twelve months."))
            return redirect("office:reception-list", slug=slug)
    return render(
        request, "office/reception_form.html", {"neighborhood": neighborhood, "form": form}
    )


def _ics(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def reception_feed(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "office.view_reception")
    series = selectors.reception_series(neighborhood)
    body = ical.neighborhood_feed(
        neighborhood,
        series,
        selectors.changed_occurrences(series),
        request.get_host().split(":")[0],
        request.build_absolute_uri(reverse("office:reception-list", args=[slug])),
    )
    return _ics(body, f"{slug}-reception.ics")


def personal_feed(request, token):
    feed = selectors.personal_feed(token)
    if feed is None:
        raise Http404
    from linli.spaces.selectors import bookings_of

    since = timezone.now() - timedelta(days=90)
    slots = list(selectors.my_slots(feed.person).filter(starts_at__gte=since)[:200])
    bookings = list(
        bookings_of(feed.person).filter(starts_at__gte=since, status__in=["requested", "approved"])[
            :200
        ]
    )
    return _ics(
        ical.personal_feed(feed.person, slots, bookings, request.get_host().split(":")[0]),
        "linli-me.ics",
    )


@login_required
@require_http_methods(["GET", "POST"])
def feed_settings(request):
    if request.method == "POST":
        actions.feed_reset(person=request.user)
        messages.success(request, _("A new address is made; the old one no longer works."))
        return redirect("office:feed-settings")
    token = actions.feed_token(person=request.user)
    return render(
        request,
        "office/feed_settings.html",
        {
            "url": request.build_absolute_uri(reverse("office:personal-feed", args=[token])),
            "slots": list(selectors.my_slots(request.user)[:20]),
        },
    )
