"""Object predicates of the talent pool (who someone is comes from linli.community.predicates)."""

from typing import Any

import rules


@rules.predicate
def is_own_profile(user: Any, profile: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and profile is not None
        and getattr(profile, "person_id", None) == user.pk
    )


@rules.predicate
def is_active_profile(user: Any, profile: Any) -> bool:
    return profile is not None and profile.is_active


@rules.predicate
def is_shown_to_residents(user: Any, profile: Any) -> bool:
    return profile is not None and profile.visibility == "residents"


@rules.predicate
def allows_contact(user: Any, profile: Any) -> bool:
    return profile is not None and profile.contact_allowed


@rules.predicate
def is_invitee(user: Any, invitation: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and invitation is not None
        and invitation.profile.person_id == user.pk
    )


@rules.predicate
def is_held(user: Any, profile: Any) -> bool:
    """Held by the spam check or hidden by staff (one query)."""
    from linli.moderation.selectors import is_hidden

    return profile is not None and profile.pk is not None and is_hidden(profile)
