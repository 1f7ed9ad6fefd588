from .models import Inbox, Notification, Preference


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
    }


def anonymise(person):
    Notification.objects.filter(recipient=person).delete()
    Preference.objects.filter(person=person).delete()
    Inbox.objects.filter(person=person).delete()
