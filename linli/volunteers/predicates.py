from typing import Any

import rules


@rules.predicate
def shows_hours(user: Any, person: Any) -> bool:
    """The person agreed to show their volunteer hours (person carries `volunteer_shown`, set by the selector)."""
    return bool(getattr(person, "volunteer_shown", False))


@rules.predicate
def is_own_signup(user: Any, signup: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and signup is not None
        and signup.person_id == user.pk
    )
