"""Reads for moderation: the staff queue, and what callers ask about a target."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

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


def held_q(model) -> Q:
    """Q(pk__in=…) matching a model's objects that moderation keeps hidden (a subquery: no extra query)."""
    ct = ContentType.objects.get_for_model(model)
    return Q(pk__in=Case.objects.filter(content_type=ct, hidden=True).values("object_id"))


def without_held(queryset, viewer=None, *, author_field=None, moderator=False):
    """`queryset` without the objects moderation keeps hidden (held by the spam check, reported, or
    hidden by staff), except the viewer's own (author_field names the author's id column) and all of
    them for a moderator. One subquery on the partial index of hidden cases: no extra query."""
    if moderator:
        return queryset
    ct = ContentType.objects.get_for_model(queryset.model)
    held = Case.objects.filter(content_type=ct, hidden=True).values("object_id")
    keep = ~Q(pk__in=held)
    if author_field and getattr(viewer, "is_authenticated", False):
        keep |= Q(**{author_field: viewer.pk})
    return queryset.filter(keep)


WAITING = _("Waiting for review")


def with_held(queryset):
    """Annotate `moderation_held` (held or hidden by moderation) on each row: for lists that keep the
    object (a booking's slot stays taken) but must not show its text to others. No extra query."""
    ct = ContentType.objects.get_for_model(queryset.model)
    return queryset.annotate(
        moderation_held=Exists(
            Case.objects.filter(content_type=ct, object_id=OuterRef("pk"), hidden=True)
        )
    )


def mask_held(rows, viewer, *, author_field, fields, moderator=False):
    """Replace the text `fields` of held rows (annotated by with_held) with “Waiting for review”,
    except for their author and moderators. In memory: the rows are not saved."""
    me = viewer.pk if getattr(viewer, "is_authenticated", False) else None
    for row in rows:
        if (
            getattr(row, "moderation_held", False)
            and not moderator
            and getattr(row, author_field) != me
        ):
            for name in fields:
                setattr(row, name, str(WAITING))
    return rows


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
