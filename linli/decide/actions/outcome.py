"""The outcome of a decision in words, and the recount that checks it."""

from typing import Any

from django.utils.translation import gettext as _

from linli.decide import tally
from linli.decide.models import (
    Decision,
)


def outcome_key(result: dict[str, Any]) -> dict[str, Any]:
    """The outcome as words to translate later, in each reader's language."""
    rule = result.get("rule")
    winner = next((o["title"] for o in result["options"] if o["id"] == result["winner"]), None)
    if rule is not None:
        if not rule["valid"]:
            return {"outcome": "invalid"}
        return {"outcome": "passed" if rule["passed"] else "not_passed"}
    return {"outcome": "chosen", "winner": winner} if winner else {"outcome": "tie"}


def outcome_words(params: dict[str, Any]) -> str:
    key = params.get("outcome")
    if key == "invalid":
        return _("not valid: too few took part")
    if key == "passed":
        return _("passed")
    if key == "not_passed":
        return _("not passed")
    if key == "chosen":
        return _("chosen: %(winner)s") % {"winner": params.get("winner", "")}
    if key == "tie":
        return _("no winner (a tie)")
    return key or ""  # stored as text by an older version


def outcome_text(decision: Decision, result: dict[str, Any]) -> str:
    return outcome_words(outcome_key(result))


def recount_matches(decision: Decision) -> bool | None:
    """Count again from the ballots; True when it gives the published numbers and every ballot's
    ranking agrees with its choice rows (the two records written together)."""
    if decision.result is None:
        return None
    patterns = tally.ranked_patterns(decision)  # counted once, for both checks
    return tally.count(decision, patterns) == decision.result and tally.choices_agree(
        decision, patterns
    )
