"""Requests (from the site, the API and Open311 apps) are screened by the spam check and can be
held: what moderation shows about one (registry.py). A held request has no column of its own:
while its case is hidden it is not public (predicates.is_public_request, selectors.visible_q and
the Open311 lists ask moderation); its reporter, the party handling it and staff still see it."""

from django.utils.text import Truncator

from linli.moderation.registry import Target
from linli.moderation.registry import register as moderation_register


def _describe(request):
    return Target(
        neighborhood_id=request.neighborhood_id,
        author_id=request.reporter_id,
        excerpt=Truncator(request.description).chars(200),
        url=request.get_absolute_url(),
    )


def register():
    from .models import Request

    moderation_register(Request, describe=_describe)
