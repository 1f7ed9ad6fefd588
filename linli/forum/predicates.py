"""Object predicates of the forum (who someone is lives in community/predicates.py)."""

import rules


@rules.predicate
def is_author(user, obj):
    return bool(
        getattr(user, "is_authenticated", False)
        and obj is not None
        and getattr(obj, "author_id", None) == user.pk
    )


@rules.predicate
def is_public_topic(user, obj):
    topic = getattr(obj, "topic", obj)
    return getattr(topic, "visibility", None) == "public"


@rules.predicate
def is_visible_post(user, obj):
    """Not hidden by moderation (staff still see hidden posts)."""
    return not getattr(obj, "hidden", False)
