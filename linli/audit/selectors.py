from typing import Any

from django.db.models import Q, QuerySet

from linli.core.search import search_query

from .models import AuditEntry


def neighborhood_log(
    neighborhood: Any, *, search: str = "", action: str = ""
) -> QuerySet[AuditEntry]:
    qs = (
        AuditEntry.objects.filter(neighborhood=neighborhood)
        .select_related("actor", "subject")
        .order_by("-created_at", "-id")
    )
    action = search_query(action, 60)
    if action:
        qs = qs.filter(action=action)
    search = search_query(search, 100)
    if search:
        qs = qs.filter(
            Q(target_label__icontains=search)
            | Q(actor__username__icontains=search)
            | Q(subject__username__icontains=search)
            | Q(subject__real_name__icontains=search)
        )
    return qs


def entries_about(person: Any) -> QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(subject_id=person.pk)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def neighborhoods() -> QuerySet[Any]:
    """The neighborhoods a log is kept for, as the entries' foreign key names them (audit
    stands below community and does not import it)."""
    model: Any = AuditEntry._meta.get_field("neighborhood").related_model
    return model.objects.all()
