"""The street above the neighborhoods (街道): its departments, and the requests its
neighborhoods escalate to it (吹哨报到: a neighborhood blows the whistle, the street routes
the request to a department, the department reports in with an answer).

An escalation has its own service level: the street accepts it within
`ACCEPT_HOURS`, and it is resolved within `RESOLVE_HOURS`, or within the
department's own hours once routed there. Escalations carry their street's and their
neighborhood's ids, so the street's overview counts them per neighborhood in one query.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ACCEPT_HOURS = 24
RESOLVE_HOURS = 7 * 24


class Department(models.Model):
    """A department the street can route an escalated request to (城管, 房管办, 派出所…)."""

    street = models.ForeignKey(
        "community.Street",
        on_delete=models.CASCADE,
        related_name="departments",
        verbose_name=_("street"),
    )
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=60, blank=True)
    contact = models.CharField(_("contact"), max_length=120, blank=True)
    resolve_hours = models.PositiveIntegerField(
        _("hours to resolve"),
        default=120,
        help_text=_("The department's service level for a request routed to it."),
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["street_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["street", "name"], name="department_unique_name"),
            models.CheckConstraint(condition=Q(resolve_hours__gte=1), name="department_hours"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        english = (get_language() or "").startswith("en")
        return self.name_en if english and self.name_en else self.name


class Escalation(models.Model):
    class Status(models.TextChoices):
        ESCALATED = "escalated", _("with the street")
        ROUTED = "routed", _("routed to a department")
        RESOLVED = "resolved", _("answered")
        RETURNED = "returned", _("returned to the neighborhood")

    OPEN = (Status.ESCALATED, Status.ROUTED)

    street = models.ForeignKey(
        "community.Street", on_delete=models.CASCADE, related_name="+", editable=False
    )
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", editable=False
    )
    request = models.ForeignKey(
        "office.Request", on_delete=models.CASCADE, related_name="+", verbose_name=_("request")
    )
    reason = models.TextField(_("why the neighborhood cannot solve it"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ESCALATED
    )
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalations",
        verbose_name=_("department"),
    )
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    routed_at = models.DateTimeField(null=True, blank=True)
    route_note = models.CharField(_("note for the department"), max_length=500, blank=True)
    answer = models.TextField(_("answer"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    accept_due = models.DateTimeField()
    resolve_due = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("escalated request")
        verbose_name_plural = _("escalated requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A request is with the street at most once at a time.
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=["escalated", "routed"]),
                name="escalation_one_open",
            ),
        ]
        indexes = [
            models.Index(fields=["street", "status", "-created_at"], name="escalation_street"),
            models.Index(
                fields=["neighborhood", "status", "-created_at"], name="escalation_neighborhood"
            ),
            models.Index(fields=["request"], name="escalation_request"),
        ]

    def __str__(self):
        return f"#{self.request_id} → {self.street_id}"

    def get_absolute_url(self):
        return reverse("street:escalation-detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in self.OPEN

    @property
    def overdue(self):
        now = timezone.now()
        if self.status == self.Status.ESCALATED:
            return self.accept_due < now or self.resolve_due < now
        return self.status == self.Status.ROUTED and self.resolve_due < now
