"""What the office holds about a person, and how it forgets them (PIPL). Requests stay
(the neighborhood's record of its problems), without the person's link or contact."""

from .models import MinuteItem, PersonalFeed, ReceptionSlot, Request, RequestFollower


def export(person):
    return {
        "requests": [
            {
                "id": r.pk,
                "category": r.category.name,
                "description": r.description,
                "status": r.status,
                "public": r.public,
                "share_phone": r.share_phone,
                "created_at": r.created_at.isoformat(),
                "rating": r.rating,
                "rating_comment": r.rating_comment,
            }
            for r in Request.objects.filter(reporter=person).select_related("category")
        ],
        "following": list(
            RequestFollower.objects.filter(person=person).values_list("request_id", flat=True)
        ),
        "reception_slots": [
            {
                "starts_at": s.starts_at.isoformat(),
                "subject": s.subject,
                "cancelled": s.cancelled_at is not None,
            }
            for s in ReceptionSlot.objects.filter(person=person)
        ],
        "raised_at_reception": [m.text for m in MinuteItem.objects.filter(raised_by=person)],
    }


def anonymise(person):
    Request.objects.filter(reporter=person).update(
        reporter=None,
        household=None,
        contact_name="",
        contact_email="",
        contact_phone="",
        share_phone=False,
        rating_comment="",
    )
    # "Me too"s and reception slots go through the app's actions, so the follower counts and
    # the occurrences' slot counts stay right; the slots (what the person wanted to raise) go.
    from django.utils import timezone

    from .actions.reception import slot_cancel
    from .actions.requests import request_unfollow

    for follow in RequestFollower.objects.filter(person=person).select_related("request"):
        request_unfollow(request=follow.request, person=person)
    for slot in ReceptionSlot.objects.filter(
        person=person, cancelled_at=None, starts_at__gt=timezone.now()
    ).select_related("occurrence"):
        slot_cancel(slot=slot, actor=person)
    ReceptionSlot.objects.filter(person=person).delete()
    MinuteItem.objects.filter(raised_by=person).update(raised_by=None)
    PersonalFeed.objects.filter(person=person).delete()
