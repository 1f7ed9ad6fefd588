"""Community activities (社区活动): registrations with a waiting list, check-in, photos.

`taken` and `waiting` are stored counters kept by the actions with the activity row locked;
the database refuses taken > capacity. The place is text plus an optional link to a space
of linli.spaces (space_id, booking_id: plain integers, no foreign key into another app).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from linli.community.models import Neighborhood

CHECKIN_CODE_DIGITS = 8


def new_checkin_code():
    """Eight digits (10⁸ codes): with the attempt limits of actions.checkin_with_code a guesser
    has about one chance in a million over an activity's check-in window."""
    return f"{secrets.randbelow(10**CHECKIN_CODE_DIGITS):0{CHECKIN_CODE_DIGITS}d}"


class Activity(models.Model):
    class Category(models.TextChoices):
        WORKSHOP = "workshop", _("children's workshop")
        TALK = "talk", _("talk")
        CLEANUP = "cleanup", _("clean-up")
        FESTIVAL = "festival", _("festival or gathering")
        SPORT = "sport", _("sport and health")
        OTHER = "other", _("other")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("everyone")
        CHILDREN = "children", _("children with a parent")
        FAMILIES = "families", _("families")
        ADULTS = "adults", _("adults")
        SENIORS = "seniors", _("seniors")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    title = models.CharField(_("title"), max_length=100)
    category = models.CharField(
        _("kind of activity"), max_length=10, choices=Category.choices, default=Category.OTHER
    )
    audience = models.CharField(
        _("for whom"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )
    description = models.TextField(
        _("description"), blank=True, max_length=5000, help_text=_("Markdown.")
    )
    description_html = models.TextField(editable=False, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=120)
    space_id = models.PositiveBigIntegerField(null=True, blank=True)  # linli.spaces Space
    booking_id = models.PositiveBigIntegerField(null=True, blank=True)  # linli.spaces Booking
    capacity = models.PositiveSmallIntegerField(_("places"))
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    taken = models.PositiveSmallIntegerField(default=0, editable=False)
    waiting = models.PositiveSmallIntegerField(default=0, editable=False)
    checked_in = models.PositiveSmallIntegerField(default=0, editable=False)
    photo_count = models.PositiveSmallIntegerField(default=0, editable=False)
    checkin_code = models.CharField(max_length=8, default=new_checkin_code, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["neighborhood", "starts_at"], name="act_nb_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(taken__lte=F("capacity")), name="act_taken_within_capacity"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="act_capacity_positive"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="act_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:activity-detail", args=[self.pk])

    @property
    def free(self):
        return max(self.capacity - self.taken, 0)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"],
                condition=Q(status__in=["confirmed", "waiting"]),
                name="act_registration_once",
            ),
        ]
        indexes = [
            models.Index(fields=["activity", "status", "created_at"], name="act_reg_queue"),
            models.Index(fields=["person", "status"], name="act_reg_person"),
        ]

    def __str__(self):
        return f"{self.person_id} → {self.activity_id} ({self.status})"

    @property
    def neighborhood_id(self):
        return self.activity.neighborhood_id


class Photo(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="activities/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.caption or str(self.pk)
