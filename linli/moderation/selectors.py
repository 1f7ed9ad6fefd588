"""Reads for moderation: the staff queue, and what callers ask about a target."""

from django.contrib.contenttypes.models import ContentType

from .models import Case, Report


def queue(*, neighborhood, status=Case.Status.OPEN):
    """Cases of a neighborhood by status, most recently reported first (select_related: one query a page)."""
    return (
        Case.objects.filter(neighborhood=neighborhood, status=status)
        .select_related("author")
        .order_by("-updated_at", "-pk")
    )


def reasons_by_case(case_ids) -> dict:
    """{case id: {reason: count}} for a page of cases (one query)."""
    found = {}
    for case_id, reason in Report.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "reason"
    ):
        bucket = found.setdefault(case_id, {})
        bucket[reason] = bucket.get(reason, 0) + 1
    return found


def is_hidden(target) -> bool:
    ct = ContentType.objects.get_for_model(target)
    return Case.objects.filter(content_type=ct, object_id=target.pk, hidden=True).exists()


def hidden_ids(model) -> set:
    """Ids of a model's hidden objects (partial index: only hidden cases are read)."""
    ct = ContentType.objects.get_for_model(model)
    return set(
        Case.objects.filter(content_type=ct, hidden=True).values_list("object_id", flat=True)
    )


def reported_by(person, model, object_ids) -> set:
    """Which of these objects this person has reported already (one query)."""
    if not getattr(person, "is_authenticated", False) or not object_ids:
        return set()
    ct = ContentType.objects.get_for_model(model)
    return set(
        Report.objects.filter(
            reporter=person, case__content_type=ct, case__object_id__in=list(object_ids)
        ).values_list("case__object_id", flat=True)
    )


def open_count(neighborhood_ids) -> dict:
    from django.db.models import Count

    rows = (
        Case.objects.filter(neighborhood_id__in=neighborhood_ids, status=Case.Status.OPEN)
        .values("neighborhood_id")
        .annotate(n=Count("id"))
    )
    return {r["neighborhood_id"]: r["n"] for r in rows}
