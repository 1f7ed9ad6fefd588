"""Projects other capabilities can link to (linli/core/linkables.py)."""

from django.utils.translation import gettext_lazy as _

from linli.core.linkables import Kind


def _rows(neighborhood):
    from .models import Project

    qs = Project.objects.order_by("-pk")
    return qs if neighborhood is None else qs.filter(neighborhood=neighborhood)


LINKABLES = [
    Kind(
        "projects.project",
        _("micro-renewal project"),
        _rows,
        ("title",),
        lambda p: p.title,
        "projects.view_project",
    )
]
