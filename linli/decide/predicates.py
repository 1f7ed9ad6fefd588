"""Predicates about decisions (who someone is comes from linli.community.predicates)."""

from typing import Any

import rules


@rules.predicate
def is_open_ballot(user: Any, decision: Any) -> bool:
    return bool(getattr(decision, "open_ballot", False))


@rules.predicate
def is_voting(user: Any, decision: Any) -> bool:
    return bool(getattr(decision, "is_voting", False))


@rules.predicate
def is_draft(user: Any, decision: Any) -> bool:
    return bool(getattr(decision, "is_draft", False))


@rules.predicate
def is_creator(user: Any, decision: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(decision, "created_by_id", None) == user.pk
    )
