"""Participation points and member levels (shown beside every name)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PointsEntry(models.Model):
    """One award of points. `key` names what earned it, so awarding twice counts once."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    neighborhood = models.ForeignKey(
        "community.Neighborhood", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=40)
    amount = models.IntegerField()
    key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["person", "reason"], name="points_person_reason"),
            # The street's overview counts each neighborhood's recent activity.
            models.Index(fields=["neighborhood", "created_at"], name="points_nb_recent"),
        ]


class Standing(models.Model):
    """A person's total points, kept by points_award / points_revoke."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="standing",
    )
    points = models.IntegerField(default=0)


class LevelTitle(models.Model):
    """Titles for levels; a neighborhood's own titles replace the defaults (neighborhood = null)."""

    neighborhood = models.ForeignKey(
        "community.Neighborhood", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    min_points = models.PositiveIntegerField(_("from points"))
    title = models.CharField(pgettext_lazy("member level", "title"), max_length=20)
    title_en = models.CharField(_("English title"), max_length=30, blank=True)

    class Meta:
        ordering = ["level"]
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "level"],
                condition=models.Q(neighborhood__isnull=False),
                name="level_unique",
            ),
            models.UniqueConstraint(
                fields=["level"],
                condition=models.Q(neighborhood__isnull=True),
                name="level_unique_default",
            ),
        ]
