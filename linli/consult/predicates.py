import rules


@rules.predicate
def results_published(user, consultation):
    return getattr(consultation, "results_published_at", None) is not None
