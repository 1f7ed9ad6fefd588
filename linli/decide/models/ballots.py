"""Ballots (选票): one per household, their choices, replaced receipts, and each building's tally."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.community.models import Building, Household, Resident

from .decisions import Decision, Option


class InDecision(models.QuerySet):
    def in_decision(self, decision: Decision):
        """Rows of one decision, found through the indexes that lead with its neighborhood
        (the distribution column, docs/scaling.md)."""
        return self.filter(neighborhood_id=decision.neighborhood_id, decision_id=decision.pk)


class Ballot(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("paper ballot")
        PROXY = "proxy", _("by written proxy")

    class CastRole(models.TextChoices):
        LEADER = "leader", pgettext_lazy("entered by", "building leader")
        STAFF = "staff", pgettext_lazy("entered by", "committee staff")
        OWNERS = "owners", pgettext_lazy("entered by", "the owners' committee")

    # No index of its own: (decision, voter_key) below serves it. Every index is one more write per ballot.
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="ballots", db_index=False
    )
    # Partitioning / Citus distribution column (docs/scaling.md); no index of its own.
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # "h<household id>" or "r<resident id>": the unique voter, so one ballot per household (or resident).
    voter_key = models.CharField(max_length=24)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="+", editable=False
    )
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cast_by = models.ForeignKey(Resident, null=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    proxy_holder = models.CharField(_("proxy holder"), max_length=60, blank=True)
    proxy_form = models.FileField(
        _("scanned proxy form"), upload_to="decide/proxies/%Y/", blank=True
    )
    replaced = models.PositiveSmallIntegerField(default=0, editable=False)
    cast_at = models.DateTimeField(default=timezone.now)
    # Who entered a paper or proxy ballot, as what (for the household's "entered by building leader X").
    cast_role = models.CharField(
        max_length=10, choices=CastRole.choices, blank=True, default="", editable=False
    )
    # The household's receipt: random (see receipts.py), so it says nothing about the choices;
    # whoever holds it can check that this ballot is in the count. No index: checks are rare
    # and rate-limited, and every index is one more write per ballot.
    receipt = models.CharField(max_length=16, default="", editable=False)
    # The choices in rank order ("17,16,18"), written with the BallotChoice rows in the same
    # transaction: the count groups ballots by it (a few dozen distinct rankings for 10,000 ballots),
    # and a recount checks it against the rows.
    ranking = models.TextField(default="", editable=False)

    objects = InDecision.as_manager()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        # Every unique constraint and hot index leads with the neighborhood: on Citus the
        # table is distributed by it, and a constraint must hold inside one shard.
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "decision", "voter_key"],
                name="decide_one_ballot_per_voter",
            )
        ]
        indexes = [
            models.Index(
                fields=["neighborhood", "decision", "building"], name="decide_ballot_building"
            ),
            models.Index(
                fields=["neighborhood", "decision", "ranking"], name="decide_ballot_ranking"
            ),
        ]

    def __str__(self):
        return f"{self.decision_id} · {self.voter_key}"

    @staticmethod
    def ranking_of(option_ids) -> str:
        return ",".join(str(int(i)) for i in option_ids)

    @staticmethod
    def options_of_ranking(ranking: str) -> tuple[int, ...]:
        return tuple(int(i) for i in ranking.split(",") if i)


class ReplacedReceipt(models.Model):
    """The receipt of a ballot that a later ballot replaced: checking it says so, and when."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="+")
    receipt = models.CharField(max_length=16)
    channel = models.CharField(max_length=10, choices=Ballot.Channel.choices)
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["decision", "receipt"], name="decide_old_receipt")]


class BallotChoice(models.Model):
    # Neither needs an index of its own: (ballot, option) and (decision, ballot, rank, option) serve them.
    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="choices", db_index=False
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="+")
    # Partitioning / Citus distribution column (docs/scaling.md); no index of its own.
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    rank = models.PositiveSmallIntegerField(default=1)

    objects = InDecision.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "ballot", "option"], name="decide_choice_once"
            ),
            models.UniqueConstraint(
                fields=["neighborhood", "ballot", "rank"], name="decide_rank_once"
            ),
        ]
        indexes = [
            # Covers every count (by option, or by ballot in rank order) without touching the table.
            models.Index(
                fields=["neighborhood", "decision", "ballot", "rank", "option"],
                name="decide_choice_ranking",
            ),
        ]


class BuildingTally(models.Model):
    """Ballots per building for the participation page, maintained by ballot_cast."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="building_tallies"
    )
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="+")
    eligible = models.PositiveIntegerField(default=0)
    voted = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "building"], name="decide_tally_unique")
        ]
