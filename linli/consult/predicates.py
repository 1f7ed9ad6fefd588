from typing import Any

import rules


@rules.predicate
def results_published(user: Any, consultation: Any) -> bool:
    return getattr(consultation, "results_published_at", None) is not None
