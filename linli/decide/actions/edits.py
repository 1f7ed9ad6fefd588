"""Staff change a decision until voting opens, and keep drafts.

Once voting has opened the motion and its options are frozen: every ballot was cast on the
same question. A decision is never open for voting without an option: a decision saved
without options is a draft (only its author sees it), and publishing one needs an option.
A refusal raises a translated ValidationError and changes nothing.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Building, Resident
from linli.core.perms import require
from linli.decide.models import Decision, Option

from .decisions import electorate_refresh

MIN_OPTIONS = 1
FIELDS = (
    "title",
    "body",
    "method",
    "unit",
    "owners_only",
    "rule",
    "voting_opens_at",
    "voting_closes_at",
    "open_ballot",
    "link_kind",
    "link_id",
)
REFRESH = {"unit", "owners_only"}


def frozen_message() -> str:
    return _("Voting has opened: the motion and its options can no longer change.")


def no_options_message() -> str:
    return _(
        "A decision needs at least one option before it is published. Add options, or save it as a draft."
    )


def _editable(decision: Decision, actor: Resident) -> Decision:
    """The decision, locked, after checking who may change it and that voting has not opened."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    require(
        actor, "decide.edit_decision", decision, _("Only the organisers can change a decision.")
    )
    if not decision.is_draft and decision.phase != Decision.Phase.DELIBERATION:
        raise ValidationError(frozen_message(), code="frozen")
    return decision


@transaction.atomic
def decision_update(
    *,
    decision: Decision,
    actor: Resident,
    buildings: Iterable[Building] | None = None,
    **changes: Any,
) -> Decision:
    """Change the motion, its dates, electorate or link until voting opens."""
    decision = _editable(decision, actor)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("These cannot be changed: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    new = {f: changes.get(f, getattr(decision, f)) for f in FIELDS}
    changed = [f for f in FIELDS if new[f] != getattr(decision, f)]
    if new["voting_closes_at"] <= new["voting_opens_at"]:
        raise ValidationError({"voting_closes_at": _("Voting must close after it opens.")})
    if new["voting_closes_at"] <= timezone.now():
        raise ValidationError({"voting_closes_at": _("The closing time is in the past.")})
    rule = new["rule"]
    if rule is not None and rule.neighborhood_id not in (None, decision.neighborhood_id):
        raise ValidationError(_("This counting rule belongs to another neighborhood."))
    if buildings is not None:
        buildings = list(buildings)
        if any(b.neighborhood_id != decision.neighborhood_id for b in buildings):
            raise ValidationError(_("Choose buildings of this neighborhood."))
    before = {f: str(getattr(decision, f)) for f in changed}
    for f in changed:
        setattr(decision, f, new[f])
    decision.full_clean()
    decision.save()
    if buildings is not None:
        decision.buildings.set(buildings)
    if buildings is not None or REFRESH & set(changed):
        electorate_refresh(decision=decision)
    if changed and not decision.is_draft:
        audit_record(
            actor=actor,
            action="decide.decision_update",
            target=decision,
            neighborhood=decision.neighborhood_id,
            before=before,
            after={f: str(new[f]) for f in changed},
        )
    return decision


@transaction.atomic
def option_update(
    *,
    option: Option,
    actor: Resident,
    title: str,
    description: str = "",
    approves: bool | None = None,
) -> Option:
    _editable(option.decision, actor)
    option = Option.objects.get(pk=option.pk)
    option.title, option.description = (title or "").strip(), (description or "").strip()
    if approves is not None:
        option.approves = approves
    option.full_clean()
    option.save(update_fields=["title", "description", "approves"])
    return option


@transaction.atomic
def option_remove(*, option: Option, actor: Resident) -> None:
    decision = _editable(option.decision, actor)
    if not decision.is_draft and decision.options.count() <= MIN_OPTIONS:
        raise ValidationError(_("A published decision keeps at least one option."))
    Option.objects.filter(pk=option.pk).delete()


@transaction.atomic
def decision_draft_publish(*, decision: Decision, actor: Resident) -> Decision:
    """Make a draft visible to the electorate: it needs an option, and voting must still close later."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    require(
        actor, "decide.edit_decision", decision, _("Only the organisers can change a decision.")
    )
    if not decision.is_draft:
        raise ValidationError(_("This decision is already published."))
    if decision.options.count() < MIN_OPTIONS:
        raise ValidationError(no_options_message(), code="no_options")
    if decision.voting_closes_at <= timezone.now():
        raise ValidationError({"voting_closes_at": _("The closing time is in the past.")})
    decision.is_draft = False
    decision.save(update_fields=["is_draft"])
    electorate_refresh(decision=decision)
    return decision


@transaction.atomic
def decision_draft_delete(*, decision: Decision, actor: Resident) -> None:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    require(
        actor, "decide.edit_decision", decision, _("Only the organisers can change a decision.")
    )
    if not decision.is_draft:
        raise ValidationError(_("Only a draft can be deleted."))
    decision.delete()
