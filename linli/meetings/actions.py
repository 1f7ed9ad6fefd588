"""Every write to meetings, their agenda, attendance and minutes.

A minutes point becomes a request or a decision through linli.office's and linli.decide's own
actions, with the point's row locked so that it becomes one only once.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require

from . import links
from .models import AgendaItem, Attendance, Meeting, MinutePoint

SIGN_IN_OPENS = timedelta(hours=1)
MAX_SHEET_LINES = 300


def _clean(value, limit):
    return (value or "").replace("\x00", "").strip()[:limit]


def _manage(actor, meeting_or_neighborhood):
    require(
        actor,
        "meetings.manage_meeting",
        meeting_or_neighborhood,
        _("Only committee staff run meetings."),
    )


@transaction.atomic
def meeting_create(
    *, neighborhood, actor, kind, title, starts_at, ends_at, place, description=""
) -> Meeting:
    _manage(actor, neighborhood)
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    meeting = Meeting(
        neighborhood=neighborhood,
        kind=kind,
        title=_clean(title, 100),
        starts_at=starts_at,
        ends_at=ends_at,
        place=_clean(place, 120),
        description=_clean(description, 5000),
        created_by=actor,
    )
    meeting.full_clean(exclude=["created_by"])
    meeting.save()
    return meeting


@transaction.atomic
def agenda_item_add(*, meeting, actor, title="", link_kind="", link_id=None) -> AgendaItem:
    """An item on the agenda, optionally pointing at a topic, request, decision or proposal of
    the meeting's neighborhood (its title is taken from it when none is given)."""
    _manage(actor, meeting)
    title = _clean(title, 200)
    link_kind = link_kind or ""
    if link_kind not in AgendaItem.Link.values:
        raise ValidationError({"link_kind": _("Choose what the item links to.")})
    if link_kind:
        found = links.title_of(link_kind, meeting.neighborhood, link_id) if link_id else None
        if found is None:
            raise ValidationError(
                {
                    "link_id": _("There is no such %(kind)s in this neighborhood.")
                    % {"kind": AgendaItem.Link(link_kind).label}
                }
            )
        title = title or found
    else:
        link_id = None
    if not title:
        raise ValidationError({"title": _("Say what the item is about.")})
    _lock(meeting)  # items are numbered one transaction at a time
    position = (
        AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0
    ) + 1
    return AgendaItem.objects.create(
        meeting=meeting, position=position, title=title, link_kind=link_kind, link_id=link_id
    )


def _lock(meeting):
    """Take the meeting's row lock: attendance is written and counted one transaction at a time
    (a count taken beside another uncommitted sign-in would miss it)."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()


def _count(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(
        attendee_count=Attendance.objects.filter(meeting=meeting).count()
    )
    meeting.refresh_from_db(fields=["attendee_count"])


@transaction.atomic
def attendance_paper(*, meeting, actor, sheet: str) -> list[Attendance]:
    """Staff copy the paper sign-in sheet: one line per person, "name, building or organisation"."""
    _manage(actor, meeting)
    rows = []
    for line in (sheet or "").replace("\x00", "").splitlines():
        line = line.replace("，", ",").strip()
        if not line:
            continue
        name, _sep, affiliation = line.partition(",")
        if not name.strip():
            raise ValidationError({"sheet": _("Each line starts with a name.")})
        rows.append(
            Attendance(
                meeting=meeting,
                name=name.strip()[:60],
                affiliation=affiliation.strip()[:100],
                paper=True,
                recorded_by=actor,
            )
        )
    if not rows:
        raise ValidationError({"sheet": _("Copy at least one name from the sheet.")})
    if len(rows) > MAX_SHEET_LINES:
        raise ValidationError({"sheet": _("At most %(n)s lines at once.") % {"n": MAX_SHEET_LINES}})
    _lock(meeting)
    made = Attendance.objects.bulk_create(rows)
    _count(meeting)
    return made


def attendance_sign_in(*, meeting, person, now=None) -> Attendance:
    """Someone present signs themselves in, from an hour before the start to the end."""
    require(
        person,
        "meetings.sign_in",
        meeting,
        _("Residents of this neighborhood and the joint office can sign in."),
    )
    now = now or timezone.now()
    if not meeting.starts_at - SIGN_IN_OPENS <= now <= meeting.ends_at:
        raise ValidationError(
            _("Signing in opens an hour before the meeting and closes at its end.")
        )
    household = getattr(person, "household", None)
    try:
        with transaction.atomic():
            _lock(meeting)
            attendance = Attendance.objects.create(
                meeting=meeting,
                person=person,
                name=(person.real_name or person.public_name)[:60],
                affiliation=str(household.building.label) if household else "",
                recorded_by=person,
            )
            _count(meeting)
    except IntegrityError:
        raise ValidationError(_("You are already signed in."), code="duplicate") from None
    return attendance


@transaction.atomic
def minute_add(*, meeting, actor, text, agenda_item=None) -> MinutePoint:
    _manage(actor, meeting)
    text = _clean(text, 2000)
    if not text:
        raise ValidationError({"text": _("Write the point.")})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    return MinutePoint.objects.create(
        meeting=meeting, agenda_item=agenda_item, text=text, created_by=actor
    )


@transaction.atomic
def minutes_publish(*, meeting, actor) -> Meeting:
    _manage(actor, meeting)
    if not MinutePoint.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("Write the minutes before publishing them."))
    Meeting.objects.filter(pk=meeting.pk).update(minutes_published_at=timezone.now())
    meeting.refresh_from_db(fields=["minutes_published_at"])
    audit_record(
        actor=actor,
        action="meetings.minutes_publish",
        target=meeting,
        target_label=meeting.title,
        neighborhood=meeting.neighborhood_id,
    )
    return meeting


def _locked_point(point):
    return (
        MinutePoint.objects.select_for_update(of=("self",))
        .select_related("meeting__neighborhood")
        .get(pk=point.pk)
    )


def minute_to_request(*, point, actor, category, building=None, public=False):
    """The point becomes a tracked request of the joint office (through office's action)."""
    from linli.office.actions import request_submit

    _manage(actor, point.meeting)
    with transaction.atomic():
        point = _locked_point(point)
        if point.request_id or point.decision_id:
            raise ValidationError(_("This point has already been followed up."), code="done")
        request = request_submit(
            reporter=None,
            neighborhood=point.meeting.neighborhood,
            category=category,
            description=point.text,
            building=building,
            public=public,
        )
        point.request_id = request.pk
        point.save(update_fields=["request_id"])
    return request


def minute_to_decision(*, point, actor, title, voting_opens_at, voting_closes_at, options=()):
    """The point becomes a decision (through decide's action, which asks its own permission);
    the decision records that it comes from this point. A point names no options, so without
    them the decision is a draft of its author, who adds its options and publishes it."""
    from linli.decide.actions import decision_create

    _manage(actor, point.meeting)
    with transaction.atomic():
        point = _locked_point(point)
        if point.request_id or point.decision_id:
            raise ValidationError(_("This point has already been followed up."), code="done")
        decision = decision_create(
            neighborhood=point.meeting.neighborhood,
            actor=actor,
            title=_clean(title, 200) or point.text[:100],
            body=point.text,
            voting_opens_at=voting_opens_at,
            voting_closes_at=voting_closes_at,
            link_kind="meetings.minutepoint",
            link_id=point.pk,
            options=options,
            draft=not options,
        )
        point.decision_id = decision.pk
        point.save(update_fields=["decision_id"])
    return decision


@transaction.atomic
def attendance_anonymise(*, person) -> int:
    """For a deleted account (PIPL): its sign-ins keep counting, without its name."""
    return Attendance.objects.filter(person=person).update(
        name=_("former resident")[:60], affiliation="", person=None
    )
