"""Volunteer duty (志愿者): shifts staff publish, sign-ups, hours when a shift is confirmed done.

`Shift.taken` counts active sign-ups; it is changed only by the actions, with the shift row
locked (select_for_update), and the database refuses taken > places.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.community.models import Neighborhood


class Shift(models.Model):
    class Sort(models.TextChoices):
        BIN_WATCH = "bin_watch", _("bin watch at a drop-off point")
        RECEPTION = "reception", _("reception-day helper")
        ACTIVITY = "activity", _("activity helper")
        OTHER = "other", _("other duty")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("shift", "open")
        CANCELLED = "cancelled", _("cancelled")
        CONFIRMED = "confirmed", _("confirmed done")

    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    sort = models.CharField(_("duty"), max_length=12, choices=Sort.choices, default=Sort.BIN_WATCH)
    title = models.CharField(_("title"), max_length=80)
    description = models.TextField(_("what to do"), blank=True, max_length=2000)
    place = models.CharField(_("place"), max_length=120)
    point_id = models.PositiveBigIntegerField(
        null=True, blank=True
    )  # a sorting.DropOffPoint, for bin watch
    activity_id = models.PositiveBigIntegerField(
        null=True, blank=True
    )  # an activities.Activity, for helpers
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    places = models.PositiveSmallIntegerField(_("places"))
    taken = models.PositiveSmallIntegerField(default=0, editable=False)
    hours = models.DecimalField(
        _("hours credited"),
        max_digits=4,
        decimal_places=1,
        help_text=_("Hours each volunteer is credited when the shift is confirmed done."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["neighborhood", "starts_at"], name="vol_shift_nb_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(taken__lte=F("places")), name="vol_shift_taken_within_places"
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="vol_shift_places_positive"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="vol_shift_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="vol_shift_hours_positive"),
        ]

    def __str__(self):
        return f"{self.title} {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("volunteers:shift-detail", args=[self.pk])

    @property
    def free(self):
        return max(self.places - self.taken, 0)


class SignUp(models.Model):
    class Status(models.TextChoices):
        SIGNED = "signed", _("signed up")
        CANCELLED = "cancelled", _("cancelled")
        DONE = "done", _("done")
        NO_SHOW = "no_show", _("did not come")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SIGNED)
    hours = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal("0"))
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "person"],
                condition=Q(status__in=["signed", "done", "no_show"]),
                name="vol_signup_once_per_shift",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"], name="vol_signup_person_status")]

    def __str__(self):
        return f"{self.person_id} → {self.shift_id} ({self.status})"

    @property
    def neighborhood_id(self):
        # For the permission predicates (select_related("shift") where it is checked).
        return self.shift.neighborhood_id


class Volunteer(models.Model):
    """A person's volunteer record: stored totals, and whether others may see them."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="volunteer",
    )
    show_on_profile = models.BooleanField(
        _("show my volunteer hours to my neighbours"), default=False
    )
    hours_total = models.DecimalField(max_digits=7, decimal_places=1, default=Decimal("0"))
    shifts_done = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self):
        return str(self.person_id)
