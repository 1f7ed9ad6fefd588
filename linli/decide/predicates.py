"""Predicates about decisions (who someone is comes from linli.community.predicates)."""

from typing import Any

import rules


@rules.predicate
def is_open_ballot(user: Any, decision: Any) -> bool:
    return bool(getattr(decision, "open_ballot", False))


@rules.predicate
def is_voting(user: Any, decision: Any) -> bool:
    return bool(getattr(decision, "is_voting", False))
