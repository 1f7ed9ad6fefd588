"""Talent profiles can be held by the spam check: what moderation shows about one (registry.py).

A held profile has no column of its own: the open case hides it (selectors.profile_search and
the talent.view_profile rule ask moderation) from other residents until staff release it.
"""

from django.urls import reverse
from django.utils.text import Truncator

from linli.moderation.registry import Target
from linli.moderation.registry import register as moderation_register


def _describe(profile):
    return Target(
        neighborhood_id=profile.neighborhood_id,
        author_id=profile.person_id,
        excerpt=Truncator(f"{profile.tags}\n{profile.background}".strip()).chars(200),
        url=reverse("talent:profile-detail", args=[profile.pk]),
    )


def register():
    from .models import TalentProfile

    moderation_register(TalentProfile, describe=_describe)
