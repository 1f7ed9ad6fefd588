"""Reception days (接待日): days, their occurrences, slots, minutes and personal feeds."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .requests import Request


class ReceptionDay(models.Model):
    """A recurring reception day: the Nth weekday of every month (N = 1–4, or -1 for the last)."""

    neighborhood = models.ForeignKey(
        "community.Neighborhood",
        on_delete=models.CASCADE,
        related_name="reception_days",
        verbose_name=_("neighborhood"),
    )
    title = models.CharField(_("title"), max_length=100)
    space = models.ForeignKey(
        "spaces.Space",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("space"),
    )
    place = models.CharField(
        _("place"), max_length=120, blank=True, help_text=_("If not a bookable space.")
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    week_of_month = models.SmallIntegerField(
        _("which one in the month"),
        choices=[
            (1, _("first")),
            (2, _("second")),
            (3, _("third")),
            (4, _("fourth")),
            (-1, _("last")),
        ],
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per slot"), default=15)
    starts_on = models.DateField(_("first month"))
    until = models.DateField(_("last day"), null=True, blank=True)
    attendees = models.CharField(_("who receives"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reception day")
        verbose_name_plural = _("reception days")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="reception_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=120),
                name="reception_slot_length",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def where(self):
        return self.space.name if self.space_id else self.place


class Occurrence(models.Model):
    """One reception day. `original_start` is where the rule put it (the iCalendar
    RECURRENCE-ID); `starts_at` / `ends_at` differ when it was moved."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        CANCELLED = "cancelled", _("cancelled")

    series = models.ForeignKey(ReceptionDay, on_delete=models.CASCADE, related_name="occurrences")
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", editable=False
    )
    original_start = models.DateTimeField()
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    note = models.CharField(_("note"), max_length=300, blank=True)
    booking = models.ForeignKey(
        "spaces.Booking", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0)
    slot_count = models.PositiveSmallIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["series", "original_start"], name="occurrence_unique"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="occurrence_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["neighborhood", "starts_at"], name="occurrence_nb_time")]

    def __str__(self):
        return f"{self.series.title} {timezone.localtime(self.starts_at):%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("office:reception-detail", args=[self.pk])

    @property
    def moved(self):
        return self.starts_at != self.original_start


class ReceptionSlot(models.Model):
    """A resident's 15 minutes with the joint office, with what they want to raise."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reception_slots"
    )
    household = models.ForeignKey(
        "community.Household", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("what you want to raise"), max_length=200)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "starts_at"],
                condition=Q(cancelled_at__isnull=True),
                name="slot_once",
            ),
            models.UniqueConstraint(
                fields=["occurrence", "person"],
                condition=Q(cancelled_at__isnull=True),
                name="slot_one_per_person",
            ),
        ]
        indexes = [models.Index(fields=["person", "starts_at"], name="slot_person")]

    @property
    def neighborhood_id(self):
        return self.occurrence.neighborhood_id


class MinuteItem(models.Model):
    """One point of a reception day's minutes; staff can turn it into a request."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="minute_items"
    )
    text = models.TextField(_("what was raised and said"), max_length=2000)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request = models.ForeignKey(
        Request, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class PersonalFeed(models.Model):
    """The secret address of a person's own calendar (their slots and bookings)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=48, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
