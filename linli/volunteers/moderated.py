"""Shift descriptions are screened by the spam check and can be held: what moderation shows about
one (registry.py). A held description has no column of its own: the detail page shows “Waiting
for review” instead of it to everyone but its author and moderators (selectors.shown_shift)."""

from django.utils.text import Truncator

from linli.moderation.registry import Target
from linli.moderation.registry import register as moderation_register


def _describe(obj):
    return Target(
        neighborhood_id=obj.neighborhood_id,
        author_id=obj.created_by_id,
        excerpt=Truncator(f"{obj.title} — {obj.description}").chars(200),
        url=obj.get_absolute_url(),
    )


def register():
    from .models import Shift

    moderation_register(Shift, describe=_describe)
