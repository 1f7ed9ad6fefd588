"""Every write to volunteer shifts and sign-ups.

Places: sign-up, cancel and swap lock the shift row (SELECT … FOR UPDATE) before reading
`taken`, so two people can never take the last place; the database also refuses
taken > places. A swap locks both shifts in id order, so two opposite swaps cannot deadlock.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require
from linli.moderation.screen import screened
from linli.notify.actions import notify
from linli.stats.actions import points_award, points_revoke

from .models import Shift, SignUp, Volunteer

POINTS_PER_HOUR = 10
MAX_PLACES = 500
REMIND_BEFORE = timedelta(hours=24)


@transaction.atomic
def shift_publish(
    *,
    neighborhood,
    actor,
    title,
    starts_at,
    ends_at,
    places,
    place,
    sort=Shift.Sort.BIN_WATCH,
    hours=None,
    description="",
    point_id=None,
    activity_id=None,
) -> Shift:
    require(
        actor,
        "volunteers.manage_shifts",
        neighborhood,
        _("Only committee staff may publish shifts."),
    )
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The shift must end after it starts.")})
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("A shift cannot start in the past.")})
    if not places or places < 1 or places > MAX_PLACES:
        raise ValidationError(
            {"places": _("A shift has between 1 and %(max)s places.") % {"max": MAX_PLACES}}
        )
    if hours is None:
        hours = Decimal(round((ends_at - starts_at).total_seconds() / 3600, 1))
    shift = Shift(
        neighborhood=neighborhood,
        title=(title or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        places=places,
        place=(place or "").strip(),
        sort=sort,
        hours=max(Decimal(hours), Decimal("0.5")),
        description=(description or "").strip(),
        point_id=point_id,
        activity_id=activity_id,
        created_by=actor,
    )
    shift.full_clean(exclude=["created_by"])
    hold_it = screened(
        author=actor,
        text=f"{shift.title}\n{shift.description}",
        kind="volunteers.shift",
        neighborhood=neighborhood,
        public=False,
    )  # spam and blocked words refused; a held description waits for staff
    shift.save()
    hold_it(shift)
    return shift


@transaction.atomic
def shift_cancel(*, shift, actor) -> Shift:
    """Staff call a shift off; everyone signed up is told."""
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    require(actor, "volunteers.manage_shifts", shift, _("Only committee staff may cancel shifts."))
    if shift.status != Shift.Status.OPEN:
        raise ValidationError(_("Only an open shift can be cancelled."))
    people = list(
        SignUp.objects.filter(shift=shift, status=SignUp.Status.SIGNED).values_list(
            "person_id", flat=True
        )
    )
    SignUp.objects.filter(shift=shift, status=SignUp.Status.SIGNED).update(
        status=SignUp.Status.CANCELLED, cancelled_at=timezone.now()
    )
    shift.status, shift.taken = Shift.Status.CANCELLED, 0
    shift.save(update_fields=["status", "taken"])
    audit_record(
        actor=actor,
        action="volunteers.shift_cancel",
        target=shift,
        neighborhood=shift.neighborhood_id,
        after={"signed_up": len(people)},
    )
    notify(
        recipients=people,
        kind="volunteers.shift_cancelled",
        actor=actor,
        url=shift.get_absolute_url(),
        params={
            "title": shift.title,
            "when": f"{timezone.localtime(shift.starts_at):%Y-%m-%d %H:%M}",
        },
    )
    return shift


def _check_open(shift, now):
    if shift.status != Shift.Status.OPEN:
        raise ValidationError(_("This shift is no longer open."), code="closed")
    if shift.starts_at <= now:
        raise ValidationError(_("This shift has already started; sign-up is closed."), code="past")


def _take_place(shift, person, now) -> SignUp:
    """With `shift` locked: one more sign-up for `person`, or a ValidationError and nothing changed."""
    _check_open(shift, now)
    if SignUp.objects.filter(shift=shift, person=person, status=SignUp.Status.SIGNED).exists():
        raise ValidationError(_("You are already signed up for this shift."), code="double")
    if shift.taken >= shift.places:
        raise ValidationError(_("This shift is full."), code="full")
    try:
        with transaction.atomic():
            signup = SignUp.objects.create(shift=shift, person=person)
    except IntegrityError:
        raise ValidationError(
            _("You are already signed up for this shift."), code="double"
        ) from None
    Shift.objects.filter(pk=shift.pk).update(taken=F("taken") + 1)
    shift.taken += 1
    return signup


def signup_create(*, shift, person) -> SignUp:
    require(
        person,
        "volunteers.sign_up",
        shift,
        _("Only verified residents of this neighborhood may sign up."),
    )
    with transaction.atomic():
        shift = Shift.objects.select_for_update().get(pk=shift.pk)
        return _take_place(shift, person, timezone.now())


def _release(signup, shift, now):
    SignUp.objects.filter(pk=signup.pk).update(status=SignUp.Status.CANCELLED, cancelled_at=now)
    Shift.objects.filter(pk=shift.pk).update(taken=F("taken") - 1)
    shift.taken -= 1
    signup.status, signup.cancelled_at = SignUp.Status.CANCELLED, now


def signup_cancel(*, signup, actor) -> SignUp:
    """The volunteer (or staff) cancels before the shift starts; the place is free again."""
    require(actor, "volunteers.change_signup", signup, _("You can only cancel your own sign-up."))
    now = timezone.now()
    with transaction.atomic():
        shift = Shift.objects.select_for_update().get(pk=signup.shift_id)
        signup = SignUp.objects.select_related("shift").get(pk=signup.pk)
        if signup.status != SignUp.Status.SIGNED:
            raise ValidationError(_("This sign-up is not active."))
        if shift.starts_at <= now:
            raise ValidationError(_("The shift has already started; ask the committee instead."))
        _release(signup, shift, now)
        audit_record(
            actor=actor,
            action="volunteers.signup_cancel",
            target=shift,
            subject=signup.person_id,
            neighborhood=shift.neighborhood_id,
        )
    return signup


def signup_swap(*, signup, to_shift, actor) -> SignUp:
    """Move a sign-up to another shift in one step: either both change or neither."""
    require(actor, "volunteers.change_signup", signup, _("You can only change your own sign-up."))
    if to_shift.pk == signup.shift_id:
        raise ValidationError(_("Choose a different shift."))
    now = timezone.now()
    with transaction.atomic():
        locked = {
            s.pk: s
            for s in Shift.objects.select_for_update()
            .filter(pk__in=[signup.shift_id, to_shift.pk])
            .order_by("pk")
        }
        old, new = locked[signup.shift_id], locked[to_shift.pk]
        if new.neighborhood_id != old.neighborhood_id:
            raise ValidationError(_("Choose a shift of the same neighborhood."))
        signup = SignUp.objects.select_related("shift").get(pk=signup.pk)
        if signup.status != SignUp.Status.SIGNED:
            raise ValidationError(_("This sign-up is not active."))
        if old.starts_at <= now:
            raise ValidationError(_("The shift has already started; ask the committee instead."))
        person = signup.person
        created = _take_place(new, person, now)
        _release(signup, old, now)
        audit_record(
            actor=actor,
            action="volunteers.signup_swap",
            target=new,
            subject=person.pk,
            neighborhood=new.neighborhood_id,
            before={"shift": old.pk},
            after={"shift": new.pk},
        )
    return created


def shift_confirm(*, shift, actor, attended_ids, hours=None) -> int:
    """Staff confirm a shift done: attendees get the hours (and points), the others are marked absent.

    Returns how many volunteers were credited. Confirming twice credits nothing twice: the shift
    row is locked and a confirmed shift is refused; points are keyed by sign-up.
    """
    attended_ids = {int(i) for i in attended_ids}
    with transaction.atomic():
        shift = Shift.objects.select_for_update().get(pk=shift.pk)
        require(
            actor, "volunteers.manage_shifts", shift, _("Only committee staff may confirm shifts.")
        )
        if shift.status != Shift.Status.OPEN:
            raise ValidationError(_("This shift has already been confirmed or cancelled."))
        if shift.starts_at > timezone.now():
            raise ValidationError(_("A shift can be confirmed once it has started."))
        hours = Decimal(hours) if hours is not None else shift.hours
        if hours <= 0 or hours > 24:
            raise ValidationError(_("Hours must be between 0.5 and 24."))
        signups = list(
            SignUp.objects.filter(shift=shift, status=SignUp.Status.SIGNED).select_related("person")
        )
        unknown = attended_ids - {s.person_id for s in signups}
        if unknown:
            raise ValidationError(_("Only people signed up for the shift can be confirmed."))
        now = timezone.now()
        done = [s for s in signups if s.person_id in attended_ids]
        for s in signups:
            s.status = SignUp.Status.DONE if s in done else SignUp.Status.NO_SHOW
            s.hours = hours if s in done else Decimal("0")
            s.confirmed_by, s.confirmed_at = actor, now
        SignUp.objects.bulk_update(signups, ["status", "hours", "confirmed_by", "confirmed_at"])
        Volunteer.objects.bulk_create(
            [Volunteer(person_id=s.person_id) for s in done], ignore_conflicts=True
        )
        Volunteer.objects.filter(person_id__in=[s.person_id for s in done]).update(
            hours_total=F("hours_total") + hours, shifts_done=F("shifts_done") + 1
        )
        for s in done:
            points_award(
                person=s.person_id,
                reason="volunteers.hours",
                amount=int(hours * POINTS_PER_HOUR),
                key=f"volunteers.signup.{s.pk}",
                neighborhood=shift.neighborhood_id,
            )
        shift.status = Shift.Status.CONFIRMED
        shift.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="volunteers.shift_confirm",
            target=shift,
            neighborhood=shift.neighborhood_id,
            after={"done": len(done), "absent": len(signups) - len(done), "hours": str(hours)},
        )
        notify(
            recipients=[s.person_id for s in done],
            kind="volunteers.hours_recorded",
            actor=actor,
            url="/volunteers/me/",
            params={"title": shift.title, "hours": str(hours)},
        )
    return len(done)


@transaction.atomic
def signup_undo_confirm(*, signup, actor) -> None:
    """Staff correct a mistake: a sign-up marked done loses its hours and points again."""
    signup = SignUp.objects.select_for_update().select_related("shift").get(pk=signup.pk)
    require(
        actor,
        "volunteers.manage_shifts",
        signup.shift,
        _("Only committee staff may confirm shifts."),
    )
    if signup.status != SignUp.Status.DONE:
        raise ValidationError(_("Only a sign-up marked done can be corrected."))
    Volunteer.objects.filter(person_id=signup.person_id).update(
        hours_total=F("hours_total") - signup.hours, shifts_done=F("shifts_done") - 1
    )
    points_revoke(key=f"volunteers.signup.{signup.pk}")
    audit_record(
        actor=actor,
        action="volunteers.signup_undo_confirm",
        target=signup.shift,
        subject=signup.person_id,
        neighborhood=signup.shift.neighborhood_id,
        before={"hours": str(signup.hours)},
    )
    signup.status, signup.hours = SignUp.Status.NO_SHOW, Decimal("0")
    signup.save(update_fields=["status", "hours"])


def consent_set(*, person, show: bool) -> Volunteer:
    volunteer, _created = Volunteer.objects.get_or_create(person_id=person.pk)
    Volunteer.objects.filter(pk=volunteer.pk).update(show_on_profile=bool(show))
    volunteer.show_on_profile = bool(show)
    return volunteer


def reminders_send(*, now=None) -> int:
    """Remind everyone signed up for a shift starting within 24 hours, once (run by the scheduler)."""
    now = now or timezone.now()
    due = SignUp.objects.filter(
        status=SignUp.Status.SIGNED,
        reminded_at=None,
        shift__status=Shift.Status.OPEN,
        shift__starts_at__gt=now,
        shift__starts_at__lte=now + REMIND_BEFORE,
    ).select_related("shift")
    sent = 0
    for signup in due[:1000]:
        with transaction.atomic():
            if SignUp.objects.filter(pk=signup.pk, reminded_at=None).update(reminded_at=now) != 1:
                continue  # another scheduler took it
            shift = signup.shift
            notify(
                recipients=[signup.person_id],
                kind="volunteers.shift_reminder",
                url=shift.get_absolute_url(),
                params={
                    "title": shift.title,
                    "when": f"{timezone.localtime(shift.starts_at):%m-%d %H:%M}",
                    "place": shift.place,
                },
            )
            sent += 1
    return sent
