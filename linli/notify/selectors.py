from typing import Any

from django.db.models import QuerySet

from .models import Inbox, Notification


def unread_count(person: Any) -> int:
    return (
        Inbox.objects.filter(person_id=person.pk).values_list("unread_count", flat=True).first()
        or 0
    )


def inbox(person: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient_id=person.pk).order_by("-created_at", "-id")


def latest_unread(person: Any, n: int = 5) -> list[Notification]:
    return list(
        Notification.objects.filter(recipient_id=person.pk, read_at=None).order_by(
            "-created_at", "-id"
        )[:n]
    )


def email_status(person: Any) -> dict[str, Any]:
    """The confirmed address and the one waiting for confirmation (one query)."""
    from .models import EmailChange

    pending = EmailChange.objects.filter(person_id=person.pk).first()
    return {"confirmed": person.email, "pending": pending}
