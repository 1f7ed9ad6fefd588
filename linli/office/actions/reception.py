"""Reception days (书记会客日): the recurring series, its occurrences (each blocking the
living room through linli.spaces.actions), residents' 15-minute slots, cancelling or
moving one occurrence, and the minutes, whose items become requests in one step."""

import calendar
import secrets
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require
from linli.notify.actions import notify
from linli.spaces import actions as spaces
from linli.spaces.models import Booking

from ..models import MinuteItem, Occurrence, PersonalFeed, ReceptionDay, ReceptionSlot


def nth_weekday(year, month, weekday, n):
    """The date of the n-th (1–4, or -1 = last) `weekday` (0 = Monday) of a month."""
    days = [
        d
        for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]
    return days[n - 1] if n > 0 else days[-1]


def occurrence_dates(series, start: date, end: date):
    """The dates the rule gives from `start` to `end` (inclusive)."""
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        d = nth_weekday(y, m, series.weekday, series.week_of_month)
        if (
            start <= d <= end
            and d >= series.starts_on
            and (series.until is None or d <= series.until)
        ):
            yield d
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _aware(d, t):
    return timezone.make_aware(datetime.combine(d, t), timezone.get_current_timezone())


@transaction.atomic
def reception_day_create(*, actor, neighborhood, months=12, **fields) -> ReceptionDay:
    """Staff set up a recurring reception day; its next `months` occurrences are scheduled."""
    require(actor, "office.manage_reception", neighborhood)
    series = ReceptionDay(neighborhood=neighborhood, created_by=actor, **fields)
    if series.space_id and series.space.neighborhood_id != neighborhood.pk:
        raise ValidationError(_("Choose a space of this neighborhood."), code="space")
    series.full_clean()
    series.save()
    reception_schedule(
        series=series, actor=actor, until=timezone.localdate() + timedelta(days=31 * months)
    )
    audit_record(
        actor=actor,
        action="office.reception_day_create",
        target=series,
        neighborhood=neighborhood,
        after={"title": series.title},
    )
    return series


def reception_schedule(*, series, actor, until, since=None) -> list[Occurrence]:
    """Create the occurrences missing from `since` (default: today) to `until`; each one in
    the future blocks its space. Refused (nothing saved) if the space is booked then."""
    since = since or max(series.starts_on, timezone.localdate())
    made = []
    with transaction.atomic():
        existing = set(series.occurrences.values_list("original_start", flat=True))
        for d in occurrence_dates(series, since, until):
            start, end = _aware(d, series.start_time), _aware(d, series.end_time)
            if start in existing:
                continue
            booking = None
            if series.space_id and end > timezone.now():
                booking = spaces.booking_block(
                    space=series.space,
                    starts_at=start,
                    ends_at=end,
                    purpose=series.title,
                    actor=actor,
                    kind=Booking.Kind.RECEPTION,
                )
            made.append(
                Occurrence.objects.create(
                    series=series,
                    neighborhood_id=series.neighborhood_id,
                    original_start=start,
                    starts_at=start,
                    ends_at=end,
                    booking=booking,
                )
            )
    return made


def _slot_people(occurrence):
    return list(occurrence.slots.filter(cancelled_at=None).values_list("person_id", flat=True))


def occurrence_cancel(*, occurrence, actor, note) -> Occurrence:
    """Cancel one reception day (the series goes on); booked residents are told; the room is freed."""
    require(actor, "office.manage_reception", occurrence)
    note = (note or "").strip()[:300]
    if not note:
        raise ValidationError(
            _("Say why it is cancelled; residents who booked will read it."), code="note"
        )
    with transaction.atomic():
        occurrence = (
            Occurrence.objects.select_for_update(of=("self",))
            .select_related("series", "booking")
            .get(pk=occurrence.pk)
        )
        if occurrence.status == Occurrence.Status.CANCELLED:
            raise ValidationError(_("This reception day is already cancelled."), code="state")
        occurrence.status, occurrence.note, occurrence.sequence = (
            Occurrence.Status.CANCELLED,
            note,
            occurrence.sequence + 1,
        )
        occurrence.save(update_fields=["status", "note", "sequence", "updated_at"])
        if occurrence.booking_id:
            spaces.booking_release(booking=occurrence.booking, actor=actor)
        notify(
            recipients=_slot_people(occurrence),
            kind="office.reception_cancelled",
            actor=actor,
            url=occurrence.get_absolute_url(),
            params={
                "title": occurrence.series.title,
                "date": timezone.localtime(occurrence.starts_at).strftime("%Y-%m-%d"),
                "note": note,
            },
        )
        audit_record(
            actor=actor,
            action="office.occurrence_cancel",
            target=occurrence,
            neighborhood=occurrence.neighborhood_id,
            after={"note": note},
        )
    return occurrence


def occurrence_move(*, occurrence, actor, starts_at, ends_at, note="") -> Occurrence:
    """Move one reception day to another time; booked slots move with it, residents are told."""
    require(actor, "office.manage_reception", occurrence)
    if ends_at <= starts_at:
        raise ValidationError(_("The end must be after the start."), code="order")
    if starts_at < timezone.now():
        raise ValidationError(
            _("This time is in the past. Choose a time from now on."), code="past"
        )
    with transaction.atomic():
        occurrence = (
            Occurrence.objects.select_for_update(of=("self",))
            .select_related("series", "booking")
            .get(pk=occurrence.pk)
        )
        if occurrence.status == Occurrence.Status.CANCELLED:
            raise ValidationError(_("This reception day is cancelled."), code="state")
        delta = starts_at - occurrence.starts_at
        if occurrence.booking_id:
            spaces.booking_move(
                booking=occurrence.booking, starts_at=starts_at, ends_at=ends_at, actor=actor
            )
        occurrence.starts_at, occurrence.ends_at = starts_at, ends_at
        occurrence.note, occurrence.sequence = (note or "").strip()[:300], occurrence.sequence + 1
        occurrence.save(update_fields=["starts_at", "ends_at", "note", "sequence", "updated_at"])
        occurrence.slots.filter(cancelled_at=None).update(starts_at=F("starts_at") + delta)
        notify(
            recipients=_slot_people(occurrence),
            kind="office.reception_moved",
            actor=actor,
            url=occurrence.get_absolute_url(),
            params={
                "title": occurrence.series.title,
                "time": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M"),
            },
        )
        audit_record(
            actor=actor,
            action="office.occurrence_move",
            target=occurrence,
            neighborhood=occurrence.neighborhood_id,
            after={"starts_at": starts_at.isoformat(), "note": occurrence.note},
        )
    return occurrence


def slot_starts(occurrence):
    """Every slot start of an occurrence."""
    length = timedelta(minutes=occurrence.series.slot_minutes)
    start, out = occurrence.starts_at, []
    while start + length <= occurrence.ends_at:
        out.append(start)
        start += length
    return out


def slot_book(*, occurrence, person, starts_at, subject) -> ReceptionSlot:
    """A resident books one slot with what they want to raise (one slot per person per day).
    The database's unique constraints make a double booking impossible."""
    require(
        person,
        "office.book_reception",
        occurrence,
        _("Only verified residents of this neighborhood can book a slot."),
    )
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError(_("Say in a few words what you want to raise."), code="subject")
    if len(subject) > 200:
        raise ValidationError(_("At most 200 characters."), code="subject")
    occurrence = Occurrence.objects.select_related("series").get(pk=occurrence.pk)
    if occurrence.status != Occurrence.Status.SCHEDULED:
        raise ValidationError(_("This reception day is cancelled."), code="state")
    if occurrence.starts_at <= timezone.now():
        raise ValidationError(
            _("Slots can be booked until the reception day begins; you can still drop in."),
            code="past",
        )
    if starts_at not in slot_starts(occurrence):
        raise ValidationError(_("Choose one of the listed times."), code="slot")
    try:
        with transaction.atomic():
            slot = ReceptionSlot.objects.create(
                occurrence=occurrence,
                starts_at=starts_at,
                person=person,
                household_id=person.household_id,
                subject=subject,
            )
            Occurrence.objects.filter(pk=occurrence.pk).update(slot_count=F("slot_count") + 1)
    except IntegrityError:
        if ReceptionSlot.objects.filter(
            occurrence=occurrence, person=person, cancelled_at=None
        ).exists():
            raise ValidationError(
                _("You already have a slot on this day. Cancel it first to choose another time."),
                code="mine",
            ) from None
        raise ValidationError(
            _("Someone has just booked this time. Choose another one."), code="taken"
        ) from None
    return slot


def slot_cancel(*, slot, actor) -> ReceptionSlot:
    require(actor, "office.cancel_reception_slot", slot)
    with transaction.atomic():
        updated = ReceptionSlot.objects.filter(pk=slot.pk, cancelled_at=None).update(
            cancelled_at=timezone.now()
        )
        if updated:
            Occurrence.objects.filter(pk=slot.occurrence_id, slot_count__gt=0).update(
                slot_count=F("slot_count") - 1
            )
            if actor.pk != slot.person_id:
                audit_record(
                    actor=actor,
                    action="office.slot_cancel",
                    target=slot.occurrence,
                    subject=slot.person_id,
                    neighborhood=slot.occurrence.neighborhood_id,
                )
                notify(
                    recipients=[slot.person_id],
                    kind="office.reception_slot_cancelled",
                    actor=actor,
                    url=slot.occurrence.get_absolute_url(),
                    params={"time": timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M")},
                )
    slot.refresh_from_db()
    return slot


@transaction.atomic
def minute_add(*, occurrence, actor, text, raised_by=None) -> MinuteItem:
    require(actor, "office.keep_minutes", occurrence)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write what was raised."), code="text")
    return MinuteItem.objects.create(
        occurrence=occurrence, text=text[:2000], raised_by=raised_by, created_by=actor
    )


def minute_to_request(*, item, actor, category, building=None, public=False):
    """Turn a minutes item into a tracked request in one step (reporter: whoever raised it)."""
    from .requests import request_submit

    require(actor, "office.keep_minutes", item.occurrence)
    with transaction.atomic():
        item = (
            MinuteItem.objects.select_for_update(of=("self",))
            .select_related("occurrence", "raised_by")
            .get(pk=item.pk)
        )
        if item.request_id:
            raise ValidationError(_("This item is already a request."), code="done")
        request = request_submit(
            reporter=None,
            neighborhood=item.occurrence.neighborhood,
            category=category,
            description=item.text,
            building=building,
            public=public,
            source="reception",
        )
        if item.raised_by_id:
            type(request).objects.filter(pk=request.pk).update(
                reporter_id=item.raised_by_id, household_id=item.raised_by.household_id
            )
            request.reporter_id = item.raised_by_id
        item.request = request
        item.save(update_fields=["request"])
        if item.raised_by_id:
            notify(
                recipients=[item.raised_by_id],
                kind="office.request_changed",
                actor=actor,
                url=reverse("office:request-detail", args=[request.pk]),
                params={
                    "number": request.pk,
                    "category": category.name,
                    "category_en": category.name_en,
                    "status": request.status,
                    "note": "",
                },
            )
    return request


def feed_token(*, person) -> str:
    """The secret token of a person's calendar feed, made on first use."""
    feed = PersonalFeed.objects.filter(person=person).first()
    if feed is None:
        try:
            with transaction.atomic():
                feed = PersonalFeed.objects.create(person=person, token=secrets.token_urlsafe(32))
        except IntegrityError:
            feed = PersonalFeed.objects.get(person=person)
    return feed.token


def feed_reset(*, person) -> str:
    """A new secret address; the old one stops working."""
    token = secrets.token_urlsafe(32)
    PersonalFeed.objects.update_or_create(person=person, defaults={"token": token})
    return token
