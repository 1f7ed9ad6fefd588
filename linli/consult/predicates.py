from typing import Any

import rules


@rules.predicate
def results_published(user: Any, consultation: Any) -> bool:
    return getattr(consultation, "results_published_at", None) is not None


@rules.predicate
def is_draft(user: Any, consultation: Any) -> bool:
    return bool(getattr(consultation, "is_draft", False))


@rules.predicate
def is_creator(user: Any, consultation: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(consultation, "created_by_id", None) == user.pk
    )
