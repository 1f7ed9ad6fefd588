from typing import Any

import rules


@rules.predicate
def is_own_registration(user: Any, registration: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and registration is not None
        and registration.person_id == user.pk
    )
