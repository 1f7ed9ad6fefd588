"""A booking's purpose is screened by the spam check: what moderation shows about a booking (registry.py).

A held purpose has no column of its own: the open case makes the week's calendar (page and API)
read “Waiting for review” instead of the purpose to everyone but the requester and moderators; the
slot stays taken.
"""

from django.utils.text import Truncator

from linli.moderation.registry import Target
from linli.moderation.registry import register as moderation_register


def _describe(booking):
    return Target(
        neighborhood_id=booking.neighborhood_id,
        author_id=booking.requester_id,
        excerpt=Truncator(booking.purpose).chars(200),
        url=booking.space.get_absolute_url(),
    )


def register():
    from .models import Booking

    moderation_register(Booking, describe=_describe)
