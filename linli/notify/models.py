from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .kinds import Channel


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # Partitioning / Citus distribution column (docs/scaling.md): the neighborhood the news is
    # about, given by the caller of notify(); empty for street-wide news and older rows.
    neighborhood = models.ForeignKey(
        "community.Neighborhood",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    read_at = models.DateTimeField(null=True, blank=True)
    digested = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox"),
            models.Index(
                fields=["recipient"], condition=Q(digested=False), name="notification_undigested"
            ),
        ]

    def __str__(self):
        return f"{self.recipient_id} {self.kind}"

    @property
    def text(self):
        from .kinds import render

        return render(self.kind, self.params)


class Inbox(models.Model):
    """One row per person: the unread count the header shows, kept by the actions."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="inbox"
    )
    unread_count = models.PositiveIntegerField(default=0)


class Preference(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=60)
    channel = models.CharField(max_length=10, choices=Channel.CHOICES)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="preference_unique")]


class EmailDelivery(models.Model):
    """One email to send. Kept until sent: a failure is retried with back-off, never lost."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed for good")

    notification = models.OneToOneField(
        Notification, null=True, blank=True, on_delete=models.CASCADE, related_name="email"
    )
    digest = models.OneToOneField(
        "Digest", null=True, blank=True, on_delete=models.CASCADE, related_name="email"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]


class Digest(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "day"], name="digest_once_a_day")]


class ScheduledRun(models.Model):
    """One row per periodic job and period: whoever inserts it runs the job. However many
    schedulers run (one per node), each daily job runs once a day."""

    job = models.CharField(max_length=200)
    period = models.CharField(max_length=40)
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="notify_scheduled_run_once")
        ]

    def __str__(self):
        return f"{self.job} {self.period}"


class Dispatch(models.Model):
    """A mass message already sent to one person for one cause (a reminder of one consultation on
    one day, a digest of one day…). The unique key makes a mass action idempotent: pressed twice,
    or run on two nodes at once, each person gets the message once."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="dispatch_once")]


class EmailChange(models.Model):
    """An address a person asked for and has not confirmed yet. Until it is confirmed it receives
    only the confirmation email; the confirmed address is the account's own `email`."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    address = models.EmailField(_("email address"))
    requested_at = models.DateTimeField()
