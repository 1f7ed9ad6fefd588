from .models import EmailChange, Inbox, Notification, Preference


def export(person):
    return {
        "notifications": [
            {
                "kind": n.kind,
                "text": n.text,
                "created_at": n.created_at.isoformat(),
                "read": n.read_at is not None,
            }
            for n in Notification.objects.filter(recipient=person).order_by("-created_at")[:5000]
        ],
        "notification_preferences": dict(
            Preference.objects.filter(person=person).values_list("kind", "channel")
        ),
        "email": person.email,
        "email_waiting_for_confirmation": EmailChange.objects.filter(person_id=person.pk)
        .values_list("address", flat=True)
        .first(),
    }


def anonymise(person):
    """Notifications (with their emails), digests, choices, the address waiting for confirmation
    and every email still waiting to go to the person's addresses go."""
    from .models import Digest, Dispatch, EmailDelivery

    addresses = {person.email} | set(
        EmailChange.objects.filter(person_id=person.pk).values_list("address", flat=True)
    )
    EmailDelivery.objects.filter(
        status=EmailDelivery.Status.PENDING, to__in=addresses - {""}
    ).delete()
    Notification.objects.filter(recipient=person).delete()  # and their emails (cascade)
    Digest.objects.filter(person=person).delete()  # and their emails (cascade)
    Preference.objects.filter(person=person).delete()
    Inbox.objects.filter(person=person).delete()
    EmailChange.objects.filter(person_id=person.pk).delete()
    Dispatch.objects.filter(person=person).delete()
