"""Object predicates of the spaces app (who someone is lives in linli.community.predicates)."""

from typing import Any

import rules


@rules.predicate
def is_requester(user: Any, booking: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and booking is not None
        and getattr(booking, "requester_id", None) == user.pk
    )


@rules.predicate
def is_own_household_booking(user: Any, booking: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and booking is not None
        and getattr(booking, "household_id", None)
        and booking.household_id == getattr(user, "household_id", None)
        and user.is_verified
    )
