"""Object predicates of the office (who someone is lives in linli.community.predicates)."""

from typing import Any

import rules

from linli.community.predicates import is_committee_staff, is_owners_committee, is_property_manager

from .models import Party


def _authed(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_reporter(user: Any, request: Any) -> bool:
    return (
        _authed(user) and request is not None and getattr(request, "reporter_id", None) == user.pk
    )


@rules.predicate
def is_public_request(user: Any, request: Any) -> bool:
    """Public, and not held by the spam check nor hidden by staff (one query for a public one)."""
    if request is None or not getattr(request, "public", False):
        return False
    from linli.moderation.selectors import is_hidden

    return request.pk is None or not is_hidden(request)


@rules.predicate
def shares_phone(user: Any, request: Any) -> bool:
    """The reporter agreed, on this request, that the party handling it may call them."""
    return bool(request is not None and getattr(request, "share_phone", False))


@rules.predicate
def for_residents_committee(user: Any, request: Any) -> bool:
    return getattr(request, "party", None) == Party.RESIDENTS_COMMITTEE


@rules.predicate
def for_owners_committee(user: Any, request: Any) -> bool:
    return getattr(request, "party", None) == Party.OWNERS_COMMITTEE


@rules.predicate
def for_property_manager(user: Any, request: Any) -> bool:
    return getattr(request, "party", None) == Party.PROPERTY_MANAGER


# Staff of the party the request is with now.
is_responsible_party = (
    (for_residents_committee & is_committee_staff)
    | (for_owners_committee & is_owners_committee)
    | (for_property_manager & is_property_manager)
)


@rules.predicate
def is_slot_holder(user: Any, slot: Any) -> bool:
    return _authed(user) and slot is not None and getattr(slot, "person_id", None) == user.pk
