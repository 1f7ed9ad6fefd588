"""Topics and replies can be reported: what moderation shows about them, and how it hides them."""

from django.utils.text import Truncator

from linli.moderation.registry import Target
from linli.moderation.registry import register as moderation_register


def _describe(post):
    from .models import Reply

    excerpt = post.body if isinstance(post, Reply) else f"{post.title} — {post.body}"
    return Target(
        neighborhood_id=post.neighborhood_id,
        author_id=post.author_id,
        excerpt=Truncator(excerpt).chars(200),
        url=post.get_absolute_url(),
    )


def register():
    from .actions import post_set_hidden
    from .models import Reply, Topic

    moderation_register(
        Topic, describe=_describe, set_hidden=lambda pk, hidden: post_set_hidden(Topic, pk, hidden)
    )
    moderation_register(
        Reply, describe=_describe, set_hidden=lambda pk, hidden: post_set_hidden(Reply, pk, hidden)
    )
