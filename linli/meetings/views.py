"""Meeting pages: list and iCal feed (public), the meeting with its agenda and published
minutes, and the staff's forms (agenda, paper sign-in sheet, minutes, follow-ups). Every form
posts and redirects back to the meeting; a refusal comes back as a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.selectors import neighborhood_to_open
from linli.community.shortcuts import neighborhood_or_404
from linli.core.forms import run_action
from linli.core.paging import paginate
from linli.core.perms import require

from . import actions, feeds, selectors
from .forms import (
    AgendaItemForm,
    MeetingForm,
    MinuteForm,
    SheetForm,
    ToDecisionForm,
    ToRequestForm,
)
from .models import Meeting, MinutePoint


def _categories(neighborhood):
    from linli.office.selectors import categories_of

    return list(categories_of(neighborhood))


def index(request):
    neighborhood = neighborhood_to_open(request.user)
    if neighborhood is None:
        raise Http404
    return redirect("meetings:meeting-list", slug=neighborhood.slug)


def _meeting(pk):
    try:
        return selectors.meeting_detail(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def meeting_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "meetings.view_meeting")
    past = request.GET.get("past") == "1"
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "neighborhood": neighborhood,
            "page": paginate(request, selectors.meetings_of(neighborhood, past), per_page=20),
            "past": past,
            "can_manage": request.user.has_perm("meetings.manage_meeting", neighborhood),
        },
    )


def meeting_feed(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "meetings.view_meeting")
    body = feeds.meetings_calendar(neighborhood, selectors.feed_meetings(neighborhood))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
def meeting_new(request, slug):
    neighborhood = neighborhood_or_404(
        request, slug, "meetings.manage_meeting", _("Only committee staff run meetings.")
    )
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.meeting_create,
            form=form,
            success=_("The meeting is on the calendar. Now set its agenda."),
            neighborhood=neighborhood,
            actor=request.user,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect(done.value.get_absolute_url())
    return render(
        request, "meetings/meeting_form.html", {"neighborhood": neighborhood, "form": form}
    )


def meeting_detail(request, pk):
    meeting = _meeting(pk)
    require(request.user, "meetings.view_meeting", meeting)
    can_manage = request.user.has_perm("meetings.manage_meeting", meeting)
    agenda = selectors.agenda_of(meeting)
    show_minutes = can_manage or meeting.minutes_published_at is not None
    context = {
        "meeting": meeting,
        "neighborhood": meeting.neighborhood,
        "agenda": agenda,
        "minutes": selectors.minutes_of(meeting) if show_minutes else None,
        "can_manage": can_manage,
        "attendance": list(selectors.attendance_of(meeting))
        if request.user.has_perm("meetings.view_attendance", meeting)
        else None,
        "can_sign_in": request.user.has_perm("meetings.sign_in", meeting),
        "signed_in": selectors.signed_in(meeting, request.user),
    }
    if can_manage:
        categories = _categories(meeting.neighborhood)
        context.update(
            agenda_form=AgendaItemForm(),
            sheet_form=SheetForm(),
            minute_form=MinuteForm(items=agenda),
            request_form=ToRequestForm(categories=categories),
            decision_form=ToDecisionForm(),
        )
    return render(request, "meetings/meeting_detail.html", context)


def _submit(request, back, form, fn, success, **kwargs):
    if not form.is_valid():
        messages.error(request, first_message_of(form))
    else:
        run_action(request, fn, success=success, actor=request.user, **form.cleaned_data, **kwargs)
    return redirect(back.get_absolute_url())


@login_required
@require_POST
def agenda_add(request, pk):
    meeting = _meeting(pk)
    require(
        request.user, "meetings.manage_meeting", meeting, _("Only committee staff run meetings.")
    )
    return _submit(
        request,
        meeting,
        AgendaItemForm(request.POST),
        actions.agenda_item_add,
        _("The item is on the agenda."),
        meeting=meeting,
    )


@login_required
@require_POST
def attendance_sheet(request, pk):
    meeting = _meeting(pk)
    require(
        request.user, "meetings.manage_meeting", meeting, _("Only committee staff run meetings.")
    )
    return _submit(
        request,
        meeting,
        SheetForm(request.POST),
        actions.attendance_paper,
        _("The sign-in sheet is recorded."),
        meeting=meeting,
    )


@login_required
@require_POST
def sign_in(request, pk):
    meeting = _meeting(pk)
    require(
        request.user,
        "meetings.sign_in",
        meeting,
        _("Residents of this neighborhood and the joint office can sign in."),
    )
    run_action(
        request,
        actions.attendance_sign_in,
        success=_("You are signed in. Welcome!"),
        meeting=meeting,
        person=request.user,
    )
    return redirect(meeting.get_absolute_url())


@login_required
@require_POST
def minute_add(request, pk):
    meeting = _meeting(pk)
    require(
        request.user, "meetings.manage_meeting", meeting, _("Only committee staff run meetings.")
    )
    items = selectors.agenda_of(meeting)
    form = MinuteForm(request.POST, items=items)
    if form.is_valid():
        chosen = form.cleaned_data.pop("agenda_item")
        form.cleaned_data["agenda_item"] = next((i for i in items if i.pk == chosen), None)
    return _submit(
        request,
        meeting,
        form,
        actions.minute_add,
        _("The point is in the minutes."),
        meeting=meeting,
    )


@login_required
@require_POST
def minutes_publish(request, pk):
    meeting = _meeting(pk)
    require(
        request.user, "meetings.manage_meeting", meeting, _("Only committee staff run meetings.")
    )
    run_action(
        request,
        actions.minutes_publish,
        success=_("The minutes are public."),
        meeting=meeting,
        actor=request.user,
    )
    return redirect(meeting.get_absolute_url())


def _point(pk):
    try:
        return MinutePoint.objects.select_related("meeting__neighborhood").get(pk=pk)
    except MinutePoint.DoesNotExist:
        raise Http404 from None


@login_required
@require_POST
def point_to_request(request, pk):
    point = _point(pk)
    meeting = point.meeting
    require(
        request.user, "meetings.manage_meeting", meeting, _("Only committee staff run meetings.")
    )
    categories = _categories(meeting.neighborhood)
    form = ToRequestForm(request.POST, categories=categories)
    if not form.is_valid():
        messages.error(request, _("Choose a category."))
        return redirect(meeting.get_absolute_url())
    category = next(c for c in categories if c.pk == form.cleaned_data["category"])
    run_action(
        request,
        actions.minute_to_request,
        success=_("The point is now a tracked request."),
        point=point,
        actor=request.user,
        category=category,
        public=form.cleaned_data["public"],
    )
    return redirect(meeting.get_absolute_url())


@login_required
@require_POST
def point_to_decision(request, pk):
    point = _point(pk)
    meeting = point.meeting
    require(
        request.user, "meetings.manage_meeting", meeting, _("Only committee staff run meetings.")
    )
    form = ToDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_message_of(form))
        return redirect(meeting.get_absolute_url())
    run_action(
        request,
        actions.minute_to_decision,
        success=_("The point is now a decision: add its options."),
        point=point,
        actor=request.user,
        **form.cleaned_data,
    )
    return redirect(meeting.get_absolute_url())


def first_message_of(form):
    for errors in form.errors.values():
        return errors[0]
    return _("Check the form.")
