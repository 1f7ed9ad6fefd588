"""Topics other capabilities can link to (linli/core/linkables.py)."""

from django.utils.translation import gettext_lazy as _

from linli.core.linkables import Kind


def _rows(neighborhood):
    from .models import Topic

    qs = Topic.objects.filter(hidden=False).select_related("neighborhood").order_by("-pk")
    return qs if neighborhood is None else qs.filter(neighborhood=neighborhood)


LINKABLES = [Kind("forum.topic", _("topic"), _rows, ("title",), str, "forum.view_topic")]
