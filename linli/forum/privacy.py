"""What the forum holds about a person (PIPL export), and forgetting them.

Posts are public contributions and stay; the author shows as "former resident" (the
account's public_name). Supports are personal and are removed with the counts kept right.
"""

from .models import Reply, Support, Topic


def export(person):
    return {
        "topics": [
            {"id": t.pk, "title": t.title, "body": t.body, "created_at": t.created_at.isoformat()}
            for t in Topic.objects.filter(author=person).order_by("pk")
        ],
        "replies": [
            {
                "id": r.pk,
                "topic": r.topic_id,
                "body": r.body,
                "created_at": r.created_at.isoformat(),
            }
            for r in Reply.objects.filter(author=person).order_by("pk")
        ],
        "supports": [
            {"target": s.target, "id": s.target_id, "created_at": s.created_at.isoformat()}
            for s in Support.objects.filter(person=person).order_by("pk")
        ],
    }


def anonymise(person):
    from .actions import support_remove

    for support in list(Support.objects.filter(person=person).select_related("topic")):
        reply = (
            Reply.objects.filter(pk=support.target_id).first()
            if support.target == Support.Target.REPLY
            else None
        )
        support_remove(person=person, topic=support.topic, reply=reply)
