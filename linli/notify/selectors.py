from .models import Inbox, Notification


def unread_count(person) -> int:
    return (
        Inbox.objects.filter(person_id=person.pk).values_list("unread_count", flat=True).first()
        or 0
    )


def inbox(person):
    return Notification.objects.filter(recipient_id=person.pk).order_by("-created_at", "-id")


def latest_unread(person, n=5):
    return list(
        Notification.objects.filter(recipient_id=person.pk, read_at=None).order_by(
            "-created_at", "-id"
        )[:n]
    )


def email_status(person) -> dict:
    """The confirmed address and the one waiting for confirmation (one query)."""
    from .models import EmailChange

    pending = EmailChange.objects.filter(person_id=person.pk).first()
    return {"confirmed": person.email, "pending": pending}
