"""Micro-renewal projects (微更新): stages with a public timeline, a team from the talent pool,
design versions with files and the feedback they answer, comments, photos and ratings.

Links to topics, consultations, decisions and requests are typed rows (kind + id + label +
url), so they work for capabilities that land later without importing them. Counters the
pages show (versions, comments, ratings) are kept by the actions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    NEED = "need", pgettext_lazy("project stage", "need collection")
    DESIGN = "design", pgettext_lazy("project stage", "design")
    CONSULTATION = "consultation", pgettext_lazy("project stage", "consultation")
    DECISION = "decision", pgettext_lazy("project stage", "decision")
    CONSTRUCTION = "construction", pgettext_lazy("project stage", "construction")
    COMPLETED = "completed", pgettext_lazy("project stage", "completed")
    UPKEEP = "upkeep", pgettext_lazy("project stage", "upkeep")


STAGE_ORDER = list(Stage.values)


class SitePlan(models.Model):
    """A compound's site plan: residents and staff mark a project's place on it."""

    compound = models.ForeignKey(
        "community.Compound", on_delete=models.CASCADE, related_name="+", verbose_name=_("compound")
    )
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", editable=False
    )
    image = models.FileField(upload_to="projects/siteplans/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("site plan")
        verbose_name_plural = _("site plans")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.compound_id)

    def get_absolute_url(self):
        return reverse("projects:siteplan-file", args=[self.pk])


class Project(models.Model):
    neighborhood = models.ForeignKey(
        "community.Neighborhood",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighborhood"),
    )
    compound = models.ForeignKey(
        "community.Compound",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("compound"),
    )
    title = models.CharField(pgettext_lazy("project field", "title"), max_length=120)
    description = models.TextField(pgettext_lazy("project field", "description"), max_length=10000)
    place_text = models.CharField(_("place"), max_length=200, blank=True)
    site_plan = models.ForeignKey(
        SitePlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    point_x = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )  # % of the plan's width
    point_y = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    budget = models.DecimalField(
        _("budget (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.NEED)
    stage_changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version_count = models.PositiveIntegerField(default=0, editable=False)
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    rating_sum = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["neighborhood", "stage"], name="project_nb_stage")]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="project_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(point_x__isnull=True) | Q(point_x__gte=0, point_x__lte=100),
                name="project_point_x_in_plan",
            ),
            models.CheckConstraint(
                condition=Q(point_y__isnull=True) | Q(point_y__gte=0, point_y__lte=100),
                name="project_point_y_in_plan",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:project-detail", args=[self.pk])

    @property
    def stage_index(self):
        return STAGE_ORDER.index(self.stage)

    @property
    def is_finished(self):
        return self.stage in (Stage.COMPLETED, Stage.UPKEEP)

    @property
    def rating_average(self):
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else None

    @property
    def has_point(self):
        return (
            self.site_plan_id is not None and self.point_x is not None and self.point_y is not None
        )


class StageChange(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    reason = models.CharField(_("why"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "pk"]


class TeamMember(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(
        "talent.TalentProfile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(_("role"), max_length=60)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="project_team_unique_person")
        ]


class DesignVersion(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    summary = models.TextField(_("what changed"), max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    comment_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="design_version_unique_number"
            )
        ]

    def __str__(self):
        return f"v{self.number}"

    def get_absolute_url(self):
        return reverse("projects:version-detail", args=[self.project_id, self.number])


class DesignFile(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("image")
        PDF = "pdf", _("PDF")

    version = models.ForeignKey(DesignVersion, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    file = models.FileField(upload_to="projects/designs/")
    name = models.CharField(max_length=120)
    size = models.PositiveIntegerField(default=0)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def get_absolute_url(self):
        return reverse("projects:design-file", args=[self.pk])


class Link(models.Model):
    """A typed link from a project (or one design version) to another capability's object."""

    class Kind(models.TextChoices):
        TOPIC = "topic", _("topic")
        REPLY = "reply", _("reply")
        CONSULTATION = "consultation", _("consultation")
        CONSULTATION_ANSWER = "consultation_answer", _("consultation answer")
        DECISION = "decision", _("decision")
        REQUEST = "request", _("request")
        COMMENT = "comment", _("comment on a design")
        OTHER = "other", _("other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    version = models.ForeignKey(
        DesignVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("number"), null=True, blank=True)
    label = models.CharField(pgettext_lazy("project field", "title"), max_length=200)
    url = models.CharField(_("link"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        indexes = [models.Index(fields=["kind", "object_id"], name="project_link_target")]


class Comment(models.Model):
    version = models.ForeignKey(DesignVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=4000)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["version", "created_at"], name="project_comment_version")]


class Photo(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", _("before")
        AFTER = "after", _("after")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    file = models.FileField(upload_to="projects/photos/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]

    def get_absolute_url(self):
        return reverse("projects:photo-file", args=[self.pk])


class Rating(models.Model):
    """A resident's satisfaction (1–5) with a completed project; one per person, can be changed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "person"], name="project_rating_one_per_person"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="project_rating_1_to_5"
            ),
        ]
