"""Predicates about decisions (who someone is comes from linli.community.predicates)."""

import rules


@rules.predicate
def is_open_ballot(user, decision):
    return bool(getattr(decision, "open_ballot", False))


@rules.predicate
def is_voting(user, decision):
    return bool(getattr(decision, "is_voting", False))
