"""Bookable spaces (一米会客厅 and others) and their bookings.

No two approved bookings of one space overlap. Python checks it for a clear message,
and the database guarantees it: on PostgreSQL an exclusion constraint over
(space, tstzrange(starts_at, ends_at)) WHERE status = 'approved'; on SQLite triggers
that abort an insert or update that would overlap (migration 0002).
"""

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Space(models.Model):
    neighborhood = models.ForeignKey(
        "community.Neighborhood",
        on_delete=models.CASCADE,
        related_name="spaces",
        verbose_name=_("neighborhood"),
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    location = models.CharField(_("where"), max_length=200, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the space is for (Markdown).")
    )
    rules = models.TextField(
        _("house rules"), blank=True, help_text=_("Shown before anyone books (Markdown).")
    )
    area = models.PositiveSmallIntegerField(_("area (m²)"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"), default=12)
    opens_at = models.TimeField(_("opens at"), default=time(8, 0))
    closes_at = models.TimeField(_("closes at"), default=time(21, 0))
    max_minutes = models.PositiveSmallIntegerField(_("longest booking (minutes)"), default=180)
    max_open_per_household = models.PositiveSmallIntegerField(
        _("open bookings per household"), default=3
    )
    max_weeks_ahead = models.PositiveSmallIntegerField(_("bookable weeks ahead"), default=12)
    photo = models.ImageField(_("photo"), upload_to="spaces/", blank=True)
    active = models.BooleanField(_("open for bookings"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["neighborhood_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="space_opens_before_closing"
            ),
            models.CheckConstraint(
                condition=Q(max_minutes__gte=15), name="space_max_minutes_at_least_15"
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("spaces:space-detail", args=[self.pk])

    @property
    def display_name(self):
        """The English name for English readers when there is one."""
        from django.utils.translation import get_language

        return (
            self.name_en if self.name_en and (get_language() or "").startswith("en") else self.name
        )


class Booking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    class Kind(models.TextChoices):
        BOOKING = "booking", _("booking")
        RECEPTION = "reception", _("reception day")
        ACTIVITY = "activity", _("activity")
        CLOSED = "closed", _("closed")

    OPEN = (Status.REQUESTED, Status.APPROVED)

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("space")
    )
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", editable=False
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BOOKING)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="space_bookings",
    )
    household = models.ForeignKey(
        "community.Household", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    series = models.UUIDField(
        null=True, blank=True, editable=False, help_text="shared by the weeks of one weekly booking"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"
            )
        ]
        indexes = [
            models.Index(fields=["space", "status", "starts_at"], name="booking_space_time"),
            models.Index(fields=["neighborhood", "status", "starts_at"], name="booking_nb_status"),
            models.Index(fields=["household", "status", "ends_at"], name="booking_household_open"),
            models.Index(fields=["requester", "starts_at"], name="booking_requester"),
        ]

    def __str__(self):
        return f"{self.space_id} {self.starts_at:%Y-%m-%d %H:%M} {self.purpose}"

    @property
    def is_open(self):
        return self.status in self.OPEN
