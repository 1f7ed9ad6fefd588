"""Requests (诉求): parties, categories, requests with photos, followers and events, monthly figures, Open311 keys."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Party(models.TextChoices):
    RESIDENTS_COMMITTEE = "residents_committee", _("residents' committee")
    OWNERS_COMMITTEE = "owners_committee", _("owners' committee")
    PROPERTY_MANAGER = "property_manager", _("property manager")


class Category(models.Model):
    """What a request is about; names the party responsible and the service levels.
    `code` is the Open311 service_code."""

    neighborhood = models.ForeignKey(
        "community.Neighborhood",
        on_delete=models.CASCADE,
        related_name="request_categories",
        verbose_name=_("neighborhood"),
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Short Latin name, used by Open311 apps (e.g. lift-repair)."),
    )
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=60, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    group = models.CharField(_("group"), max_length=40, blank=True)
    party = models.CharField(_("responsible"), max_length=20, choices=Party.choices)
    accept_hours = models.PositiveIntegerField(_("hours to accept"), default=24)
    resolve_hours = models.PositiveIntegerField(_("hours to resolve"), default=72)
    active = models.BooleanField(_("in use"), default=True)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("request category")
        verbose_name_plural = _("request categories")
        ordering = ["neighborhood_id", "sort", "name"]
        constraints = [
            models.UniqueConstraint(fields=["neighborhood", "code"], name="category_unique_code"),
            models.CheckConstraint(
                condition=Q(accept_hours__gte=1) & Q(resolve_hours__gte=F("accept_hours")),
                name="category_sla_sane",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The English name for English readers when there is one."""
        from django.utils.translation import get_language

        return (
            self.name_en if self.name_en and (get_language() or "").startswith("en") else self.name
        )


class Request(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        IN_PROGRESS = "in_progress", _("in progress")
        RESOLVED = "resolved", _("resolved")
        CLOSED = "closed", _("closed")
        REJECTED = "rejected", _("rejected")

    class Source(models.TextChoices):
        WEB = "web", _("website")
        API = "api", _("API")
        OPEN311 = "open311", _("Open311 app")
        RECEPTION = "reception", _("reception day")

    OPEN = (Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS)
    DONE = (Status.RESOLVED, Status.CLOSED, Status.REJECTED)

    neighborhood = models.ForeignKey(
        "community.Neighborhood",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighborhood"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="requests", verbose_name=_("category")
    )
    party = models.CharField(_("responsible"), max_length=20, choices=Party.choices)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="office_requests",
    )
    household = models.ForeignKey(
        "community.Household", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField(_("description"), max_length=2000)
    building = models.ForeignKey(
        "community.Building",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("building"),
    )
    place = models.CharField(
        _("place"),
        max_length=120,
        blank=True,
        help_text=_("Where exactly, e.g. the east gate, lift 2, the bike shed."),
    )
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Neighbours can see it and say “me too”. Your name is never shown."),
    )
    share_phone = models.BooleanField(
        _("share my phone"),
        default=False,
        help_text=_(
            "Let the party handling this request call you. Otherwise only committee staff see your phone."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    status_note = models.CharField(_("note"), max_length=500, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Contact details an Open311 app sent (private: staff only).
    contact_name = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    api_key = models.ForeignKey(
        "ApiKey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accept_due = models.DateTimeField()
    resolve_due = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.CharField(_("comment"), max_length=300, blank=True)
    follower_count = models.PositiveIntegerField(default=0, editable=False)
    reopen_count = models.PositiveSmallIntegerField(default=0, editable=False)
    # A duplicate merged by staff points to the request that stays (actions/merge.py).
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        editable=False,
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="request_rating_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=["neighborhood", "-created_at", "-id"], name="request_nb_recent"),
            models.Index(
                fields=["neighborhood", "status", "-created_at"], name="request_nb_status"
            ),
            models.Index(
                fields=["neighborhood", "public", "-created_at"], name="request_nb_public"
            ),
            models.Index(
                fields=["neighborhood", "status", "accept_due"], name="request_accept_due"
            ),
            models.Index(
                fields=["neighborhood", "status", "resolve_due"], name="request_resolve_due"
            ),
            models.Index(fields=["category", "status", "-created_at"], name="request_category"),
            models.Index(fields=["reporter", "-created_at"], name="request_reporter"),
            models.Index(fields=["-updated_at"], name="request_updated"),
            # Open requests are few among many done ones: the overdue counts read only these.
            models.Index(
                fields=["neighborhood", "party", "status"],
                condition=Q(status__in=["submitted", "accepted", "in_progress"]),
                name="request_open",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.category.name if self.category_id else ''}"

    def get_absolute_url(self):
        return reverse("office:request-detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in self.OPEN

    @property
    def overdue(self):
        now = timezone.now()
        if self.status == self.Status.SUBMITTED:
            return self.accept_due < now
        return (
            self.status in (self.Status.ACCEPTED, self.Status.IN_PROGRESS)
            and self.resolve_due < now
        )

    @property
    def summary(self):
        text = " ".join(self.description.split())
        return text[:80] + ("…" if len(text) > 80 else "")


class RequestPhoto(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="office/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class RequestFollower(models.Model):
    """“Me too”: a resident follows someone else's request and is told of every change."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="followers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "person"], name="follower_once")]
        indexes = [models.Index(fields=["person"], name="follower_person")]


class RequestEvent(models.Model):
    """The request's history: each change of status or party, with who and why."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        STATUS = "status", _("status changed")
        TRANSFER = "transfer", _("transferred")
        RATED = "rated", _("rated")
        REOPENED = "reopened", _("reopened")
        NOTE = "note", _("note")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_status = models.CharField(max_length=12, blank=True, choices=Request.Status.choices)
    to_status = models.CharField(max_length=12, blank=True, choices=Request.Status.choices)
    from_party = models.CharField(max_length=20, blank=True, choices=Party.choices)
    to_party = models.CharField(max_length=20, blank=True, choices=Party.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["request", "created_at"], name="event_request")]


class MonthStat(models.Model):
    """Per neighborhood, party and month (the first day): requests submitted, resolved, resolved
    late, and histograms {hours: count} of time to accept and to resolve. Kept by actions."""

    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    party = models.CharField(max_length=20, choices=Party.choices)
    month = models.DateField()
    submitted = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    resolved_late = models.PositiveIntegerField(default=0)
    accept_hours = models.JSONField(default=dict)
    resolve_hours = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "party", "month"], name="monthstat_unique"
            )
        ]
        ordering = ["month", "party"]


class ApiKey(models.Model):
    """An Open311 client's key (a phone app, the street's system). Only the hash is kept."""

    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("who uses it"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 key")
        verbose_name_plural = _("Open311 keys")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
