"""Residents' own proposals (居民提案 / 微心愿).

A verified resident proposes; households support it, one support per household (the database
holds it with a unique constraint; the action takes the proposal's row lock first). The
committee sets each neighborhood's threshold (`ProposalRule`): a share of households, or
supports from several buildings. A proposal that passes it goes onto the committee's agenda
with a date by which it must be answered: a consultation, a decision, a project (linked by id,
no foreign key into those apps) or a reasoned no. Everything here is public but who supported.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.community.models import Building, Household, Neighborhood


class ProposalRule(models.Model):
    """The committee's threshold for one neighborhood (defaults apply until it sets one)."""

    neighborhood = models.OneToOneField(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    share_percent = models.DecimalField(
        _("share of households (%)"),
        max_digits=5,
        decimal_places=2,
        default=5,
        help_text=_("The proposal passes once this share of all households supports it."),
    )
    buildings = models.PositiveSmallIntegerField(
        _("buildings"),
        default=3,
        help_text=_("…or once this many buildings support it (0: only the share counts)."),
    )
    per_building = models.PositiveSmallIntegerField(
        _("supports per building"),
        default=3,
        help_text=_("A building counts once this many of its households support the proposal."),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer"),
        default=30,
        help_text=_("The committee answers within this many days of the threshold being passed."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proposal threshold")
        verbose_name_plural = _("proposal thresholds")
        constraints = [
            models.CheckConstraint(
                condition=Q(share_percent__gt=0, share_percent__lte=100),
                name="proposal_rule_share_range",
            ),
            models.CheckConstraint(condition=Q(per_building__gte=1), name="proposal_rule_per_b"),
            models.CheckConstraint(condition=Q(answer_days__gte=1), name="proposal_rule_days"),
        ]

    def __str__(self):
        return str(self.neighborhood_id)


class Proposal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("gathering support")
        AGENDA = "agenda", _("on the committee's agenda")
        ANSWERED = "answered", _("answered")

    class Answer(models.TextChoices):
        CONSULTATION = "consultation", _("a consultation")
        DECISION = "decision", _("a decision")
        PROJECT = "project", _("a project")
        DECLINED = "declined", _("declined, with reasons")

    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("what and why"), max_length=5000, help_text=_("Markdown."))
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    # The threshold as it stood when the proposal was made (a later change applies to new ones).
    needed_supports = models.PositiveIntegerField(editable=False)
    needed_buildings = models.PositiveSmallIntegerField(editable=False)
    per_building = models.PositiveSmallIntegerField(editable=False)
    answer_days = models.PositiveSmallIntegerField(editable=False)
    # Maintained by actions.support_add with the proposal row locked.
    support_count = models.PositiveIntegerField(default=0, editable=False)
    building_count = models.PositiveSmallIntegerField(default=0, editable=False)
    reached_at = models.DateTimeField(null=True, blank=True, editable=False)
    answer_due = models.DateTimeField(null=True, blank=True, editable=False)
    answer_kind = models.CharField(_("answer"), max_length=15, choices=Answer.choices, blank=True)
    answer_text = models.TextField(_("reasons"), max_length=5000, blank=True)
    answer_html = models.TextField(editable=False, blank=True)
    answer_link_id = models.PositiveBigIntegerField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["neighborhood", "status", "-created_at"], name="proposal_nb_st")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="answered", answered_at__isnull=False)
                | (~Q(status="answered") & Q(answer_kind="")),
                name="proposal_answer_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(reached_at__isnull=False, answer_due__isnull=False),
                name="proposal_agenda_has_due_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:proposal-detail", args=[self.pk])

    @property
    def overdue(self):
        return (
            self.status == self.Status.AGENDA
            and self.answer_due is not None
            and self.answer_due < timezone.now()
        )

    @property
    def answer_url(self):
        """The consultation, decision or project that answers the proposal."""
        names = {
            self.Answer.CONSULTATION: "consult:consultation-detail",
            self.Answer.DECISION: "decide:decision-detail",
            self.Answer.PROJECT: "projects:project-detail",
        }
        if self.answer_kind in names and self.answer_link_id:
            return reverse(names[self.answer_kind], args=[self.answer_link_id])
        return ""


class Support(models.Model):
    """One household's support (given by one of its residents)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    # Copied from the proposal: the table is partitioned and its keys lead with it (docs/scaling.md).
    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        indexes = [
            models.Index(
                fields=["neighborhood", "household", "proposal"], name="proposal_support_hh"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "proposal", "household"],
                name="proposal_one_support_per_household",
            )
        ]

    def __str__(self):
        return f"{self.proposal_id}/{self.household_id}"
