"""Object predicates of moderation (who someone is lives in community/predicates.py)."""

from typing import Any

import rules

from linli.community.predicates import NEIGHBORHOOD_STAFF, roles_of


@rules.predicate
def is_case_author(user: Any, case: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and case is not None
        and getattr(case, "author_id", None) == user.pk
    )


@rules.predicate
def is_decided_unappealed(user: Any, case: Any) -> bool:
    """A decision was taken and not yet appealed (an appeal is allowed once)."""
    return case is not None and case.status != "open" and case.appealed_at is None


@rules.predicate
def is_staff_somewhere(user: Any) -> bool:
    """Committee staff of at least one neighborhood (trying the scorer needs no neighborhood)."""
    return any(
        kinds & NEIGHBORHOOD_STAFF for kinds in roles_of(user).kinds_by_neighborhood.values()
    )
