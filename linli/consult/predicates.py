import rules


@rules.predicate
def results_published(user, consultation):
    return getattr(consultation, "results_published_at", None) is not None


@rules.predicate
def is_draft(user, consultation):
    return bool(getattr(consultation, "is_draft", False))


@rules.predicate
def is_creator(user, consultation):
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(consultation, "created_by_id", None) == user.pk
    )
