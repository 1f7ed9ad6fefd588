"""The forum API's router and helpers."""

from ninja import Router

from linli.core.perms import require
from linli.forum import selectors

router = Router(tags=["forum"])


PREFIX = "/forum"


def _visible_topic(request, topic_id):
    topic = selectors.topic_detail(topic_id)
    if topic is None:
        from django.http import Http404

        raise Http404
    require(request.user, "forum.view_topic", topic)
    return topic
