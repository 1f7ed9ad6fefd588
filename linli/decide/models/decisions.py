"""Decisions (表决): the neighborhood's rules, ownership shares, decisions, their options and comments."""

from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.community.models import Building, Compound, Household, Neighborhood, Resident


class Rule(models.Model):
    """A counting rule, as data. Each threshold is num/den of a total (den 0: not applied).

    Turnout ("participation") thresholds compare the participants with the whole
    electorate; pass thresholds compare the votes for with the participants. A threshold
    is "at least" (value ≥ num/den × total) unless `strict`, which makes it "more than".
    Area thresholds only apply to household electorates (a unit's exclusive floor area).
    """

    neighborhood = models.ForeignKey(
        Neighborhood,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: a rule every neighborhood may use."),
    )
    key = models.SlugField(_("short name"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    turnout_area_num = models.PositiveSmallIntegerField(default=0)
    turnout_area_den = models.PositiveSmallIntegerField(default=0)
    turnout_heads_num = models.PositiveSmallIntegerField(default=0)
    turnout_heads_den = models.PositiveSmallIntegerField(default=0)
    pass_area_num = models.PositiveSmallIntegerField(default=0)
    pass_area_den = models.PositiveSmallIntegerField(default=0)
    pass_area_strict = models.BooleanField(default=False)
    pass_heads_num = models.PositiveSmallIntegerField(default=0)
    pass_heads_den = models.PositiveSmallIntegerField(default=0)
    pass_heads_strict = models.BooleanField(default=False)
    owners_headcount = models.BooleanField(
        default=False, help_text=_("Count heads by owner (Art. 278) rather than by voter.")
    )

    class Meta:
        verbose_name = _("counting rule")
        verbose_name_plural = _("counting rules")
        ordering = ["neighborhood_id", "key"]
        constraints = [
            # Partial constraints rather than nulls_distinct=False, which SQLite cannot enforce.
            models.UniqueConstraint(
                fields=["neighborhood", "key"],
                condition=models.Q(neighborhood__isnull=False),
                name="decide_rule_unique_key",
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(neighborhood__isnull=True),
                name="decide_rule_unique_builtin_key",
            ),
            models.CheckConstraint(
                name="decide_rule_fractions",
                condition=(
                    Q(turnout_area_num__lte=models.F("turnout_area_den"))
                    & Q(turnout_heads_num__lte=models.F("turnout_heads_den"))
                    & Q(pass_area_num__lte=models.F("pass_area_den"))
                    & Q(pass_heads_num__lte=models.F("pass_heads_den"))
                ),
            ),
        ]

    def __str__(self):
        from django.utils.translation import get_language

        return (
            self.name_en if (get_language() or "").startswith("en") and self.name_en else self.name
        )


class Ownership(models.Model):
    """Who owns a unit, for the Art. 278 headcount: one owner of several units counts once,
    and the developer's unsold units count once together. A unit without a row counts as
    its own owner."""

    household = models.OneToOneField(
        Household,
        on_delete=models.CASCADE,
        related_name="decide_ownership",
        verbose_name=_("household"),
    )
    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    owner_key = models.CharField(
        _("owner identity"),
        max_length=64,
        help_text=_(
            "The same text for every unit of one owner (for example the owner's ID number or name)."
        ),
    )
    owner_name = models.CharField(_("owner's name"), max_length=60, blank=True)
    is_developer = models.BooleanField(_("unsold, held by the developer"), default=False)

    class Meta:
        verbose_name = _("ownership")
        verbose_name_plural = _("ownerships")
        indexes = [models.Index(fields=["neighborhood", "owner_key"], name="decide_owner_key")]

    def __str__(self):
        return f"{self.household_id} · {self.owner_key}"


class DecisionQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate `ballot_count`: the sum of the per-building counters (no hot row on the decision:
        concurrent ballots of different buildings never wait for each other)."""
        from .ballots import BuildingTally  # ballots refer to decisions: imported when used

        per_building = (
            BuildingTally.objects.filter(decision_id=OuterRef("pk"))
            .order_by()
            .values("decision_id")
            .annotate(n=Sum("voted"))
            .values("n")
        )
        return self.annotate(ballot_count=Coalesce(Subquery(per_building), 0))


class Decision(models.Model):
    class Method(models.TextChoices):
        SINGLE = "single", _("single choice")
        APPROVAL = "approval", _("approval (any number of options)")
        RANKED = "ranked", _("ranked choice (instant runoff)")

    class Unit(models.TextChoices):
        HOUSEHOLD = "household", _("one ballot per household")
        RESIDENT = "resident", _("one ballot per resident")

    class Phase(models.TextChoices):
        DELIBERATION = "deliberation", _("deliberation")
        VOTING = "voting", _("voting")
        CLOSED = "closed", pgettext_lazy("voting", "closed")

    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.CASCADE,
        related_name="decide_decisions",
        verbose_name=_("neighborhood"),
    )
    title = models.CharField(_("motion"), max_length=200)
    body = models.TextField(
        _("background"), blank=True, help_text=_("Markdown: what is to be decided and why.")
    )
    method = models.CharField(
        _("voting method"), max_length=10, choices=Method.choices, default=Method.SINGLE
    )
    unit = models.CharField(
        _("electorate"), max_length=10, choices=Unit.choices, default=Unit.HOUSEHOLD
    )
    owners_only = models.BooleanField(_("owners only"), default=False)
    # An owners' decision belongs to one compound's owners' assembly (业主大会): its buildings
    # are that compound's, and so are the owners and floor areas counted (tally.py).
    compound = models.ForeignKey(
        Compound,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owners' assembly of"),
    )
    buildings = models.ManyToManyField(
        Building,
        blank=True,
        related_name="+",
        verbose_name=_("buildings"),
        help_text=_("Leave empty for the whole neighborhood."),
    )
    rule = models.ForeignKey(
        Rule,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("counting rule"),
        help_text=_("Empty: the option with the most votes wins, with no thresholds."),
    )
    voting_opens_at = models.DateTimeField(_("voting opens"))
    voting_closes_at = models.DateTimeField(_("voting closes"))
    open_ballot = models.BooleanField(
        _("open ballot"),
        default=False,
        help_text=_("Staff may see how each household voted. Otherwise the ballot is secret."),
    )
    round_no = models.PositiveSmallIntegerField(_("round"), default=1)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_rounds",
        verbose_name=_("previous round"),
    )
    # A generic link to what this decides (e.g. "projects.project", 12), without importing that app.
    link_kind = models.CharField(_("decides (kind)"), max_length=50, blank=True)
    link_id = models.PositiveBigIntegerField(_("decides (id)"), null=True, blank=True)
    # Maintained by actions (ballots are counted per building in BuildingTally).
    electorate_size = models.PositiveIntegerField(default=0, editable=False)
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    result = models.JSONField(null=True, blank=True, editable=False)  # the published tally
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A draft is its author's alone and never opens for voting; publishing needs an option.
    is_draft = models.BooleanField(_("draft"), default=False, editable=False)
    created_by = models.ForeignKey(Resident, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-voting_closes_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voting_closes_at__gt=models.F("voting_opens_at")),
                name="decide_closes_after_opens",
            )
        ]
        indexes = [
            models.Index(fields=["neighborhood", "-voting_closes_at"], name="decide_nb_closes")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("decide:decision-detail", args=[self.pk])

    @property
    def phase(self):
        now = timezone.now()
        if self.is_draft or now < self.voting_opens_at:
            return self.Phase.DELIBERATION
        if now < self.voting_closes_at:
            return self.Phase.VOTING
        return self.Phase.CLOSED

    @property
    def is_voting(self):
        return self.phase == self.Phase.VOTING

    @property
    def is_closed(self):
        return self.phase == self.Phase.CLOSED

    def get_phase_display(self):
        return self.Phase(self.phase).label


class Option(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("option"), max_length=120)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    image = models.ImageField(_("picture"), upload_to="decide/options/%Y/", blank=True)
    approves = models.BooleanField(
        _("counts as “for”"),
        default=False,
        help_text=_(
            "For a motion under a counting rule: ballots for this option are votes for the motion."
        ),
    )

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["decision_id", "position", "pk"]

    def __str__(self):
        return self.title


class Comment(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(Resident, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["decision", "created_at"], name="decide_comment_order")]
