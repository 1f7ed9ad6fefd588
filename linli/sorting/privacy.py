"""What the sorting app holds about a person: the items they suggested."""

from .models import Item


def export(person):
    return {
        "suggested_items": [
            {
                "name_zh": i.name_zh,
                "kind": i.kind,
                "status": i.status,
                "created_at": i.created_at.isoformat(),
            }
            for i in Item.objects.filter(suggested_by=person).order_by("created_at")
        ]
    }


def anonymise(person):
    # Suggestions stay (they are about items, not the person); the link to the person goes.
    Item.objects.filter(suggested_by=person).update(suggested_by=None)
