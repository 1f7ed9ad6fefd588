"""Reports (举报) on anything residents post, gathered into one case per reported object.

A case targets any object through its content type and id, so every capability (forum
topics and replies today; later anything else) uses the same queue. `report_count` is
stored and kept by `report_create`; a case whose count reaches the threshold is hidden
until staff review it.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Reports from this many different people hide a post until staff review it.
HIDE_THRESHOLD = getattr(settings, "LINLI_MODERATION_HIDE_THRESHOLD", 3)


class Reason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Insults or harassment")
    PRIVACY = "privacy", _("Reveals someone's personal data")
    FALSE = "false", _("False or misleading information")
    ILLEGAL = "illegal", _("Illegal content")
    OTHER = "other", _("Something else")


class Case(models.Model):
    """Everything reported about one object, and what staff decided."""

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for review")
        HIDDEN = "hidden", _("hidden")
        APPROVED = "approved", _("kept visible")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    neighborhood = models.ForeignKey("community.Neighborhood", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    excerpt = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # Hidden from readers: by the threshold while open, or by staff.
    hidden = models.BooleanField(default=False)
    report_count = models.PositiveIntegerField(default=0)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation cases")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="moderation_case_unique_target")]
        indexes = [
            models.Index(fields=["neighborhood", "status", "-updated_at"], name="moderation_case_queue"),
            models.Index(fields=["content_type", "hidden"], name="moderation_case_hidden", condition=Q(hidden=True)),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} · {self.status}"


class Report(models.Model):
    """One person's report of one object (once per person)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["case", "reporter"], name="moderation_report_once")]

    def __str__(self):
        return f"{self.case_id} · {self.reason}"
