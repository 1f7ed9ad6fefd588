"""Consultations (意见征集): a questionnaire with an audience, and who has been heard, by building."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.community.models import Building, Compound, Household, Neighborhood, Resident


class Consultation(models.Model):
    class Per(models.TextChoices):
        HOUSEHOLD = "household", _("one answer per household")
        RESIDENT = "resident", _("one answer per resident")

    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("neighborhood"),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Markdown: what you want to learn and what will happen with the answers."),
    )
    compounds = models.ManyToManyField(
        Compound,
        blank=True,
        related_name="+",
        verbose_name=_("compounds"),
        help_text=_("Leave compounds and buildings empty for the whole neighborhood."),
    )
    buildings = models.ManyToManyField(
        Building, blank=True, related_name="+", verbose_name=_("buildings")
    )
    owners_only = models.BooleanField(_("owners only"), default=False)
    per = models.CharField(
        _("who answers"), max_length=10, choices=Per.choices, default=Per.HOUSEHOLD
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Results and exports never show who answered what."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    results_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A draft is its author's alone: nobody else sees or answers it until it is published.
    is_draft = models.BooleanField(_("draft"), default=False, editable=False)
    response_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(Resident, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-closes_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consult_closes_after_opens",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consult:consultation-detail", args=[self.pk])

    @property
    def is_open(self):
        return self.opens_at <= timezone.now() < self.closes_at

    @property
    def is_closed(self):
        return timezone.now() >= self.closes_at

    @property
    def is_frozen(self):
        """Answering has opened: the question texts, their choices and the audience stay as they are."""
        return not self.is_draft and timezone.now() >= self.opens_at


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        RANKING = "ranking", _("ranking")
        RATING = "rating", _("rating 1–5")
        NUMBER = "number", pgettext_lazy("question kind", "number")
        TEXT = "text", _("free text")
        IMAGE = "image", _("image upload")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(pgettext_lazy("question", "kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("required"), default=True)
    show_if = models.ForeignKey(
        "Choice",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("only if this was chosen"),
    )

    class Meta:
        ordering = ["consultation_id", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def has_choices(self):
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE, self.Kind.RANKING)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("choice"), max_length=200)

    class Meta:
        ordering = ["question_id", "position", "pk"]

    def __str__(self):
        return self.label


class Response(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("on paper")
        PHONE = "phone", _("by phone")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    # Partitioning / Citus distribution column (docs/scaling.md); no index of its own.
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    respondent_key = models.CharField(
        max_length=24
    )  # "h<household>" or "r<resident>": one answer each
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="+")
    respondent = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(Resident, null=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # Led by the neighborhood, the distribution column (docs/scaling.md).
            models.UniqueConstraint(
                fields=["neighborhood", "consultation", "respondent_key"],
                name="consult_one_response",
            )
        ]
        indexes = [
            models.Index(
                fields=["neighborhood", "consultation", "building"],
                name="consult_response_building",
            )
        ]


class HouseholdHeard(models.Model):
    """A household that has answered (for per-resident consultations: the first of its members)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "household"], name="consult_household_heard"
            )
        ]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # Partitioning / Citus distribution column (docs/scaling.md); no index of its own.
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    image = models.ImageField(upload_to="consult/answers/%Y/", blank=True)
    hidden = models.BooleanField(default=False)  # moderated free text

    class Meta:
        indexes = [
            models.Index(
                fields=["neighborhood", "question", "choice"], name="consult_answer_choice"
            )
        ]


class BuildingTally(models.Model):
    """Who has been heard, per building: stored counters maintained by response_submit."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="tallies")
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="+")
    eligible_households = models.PositiveIntegerField(default=0)
    eligible_residents = models.PositiveIntegerField(default=0)
    households_heard = models.PositiveIntegerField(default=0)
    residents_heard = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "building"], name="consult_tally_unique"
            )
        ]
