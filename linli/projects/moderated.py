"""Comments on a design version are screened by the spam check and can be held: what moderation
shows about one (registry.py). The open case hides a held comment (selectors.comments_of) from
everyone but its author and moderators until staff release it."""

from django.utils.text import Truncator

from linli.moderation.registry import Target
from linli.moderation.registry import register as moderation_register


def _describe(comment):
    version = comment.version
    return Target(
        neighborhood_id=version.project.neighborhood_id,
        author_id=comment.author_id,
        excerpt=Truncator(comment.body).chars(200),
        url=version.get_absolute_url(),
    )


def register():
    from .models import Comment

    moderation_register(Comment, describe=_describe)
