"""Object predicates of the forum (who someone is lives in community/predicates.py)."""

from typing import Any

import rules


@rules.predicate
def is_author(user: Any, obj: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and obj is not None
        and getattr(obj, "author_id", None) == user.pk
    )


@rules.predicate
def is_public_topic(user: Any, obj: Any) -> bool:
    topic = getattr(obj, "topic", obj)
    return getattr(topic, "visibility", None) == "public"


@rules.predicate
def is_visible_post(user: Any, obj: Any) -> bool:
    """Not hidden by moderation (staff still see hidden posts)."""
    return not getattr(obj, "hidden", False)
