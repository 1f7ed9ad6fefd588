"""Requests (诉求) other capabilities can link to (linli/core/linkables.py)."""

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from linli.core.linkables import Kind


def _rows(neighborhood):
    from .models import Request

    qs = Request.objects.select_related("category").order_by("-pk")
    return qs if neighborhood is None else qs.filter(neighborhood=neighborhood)


def _title(request) -> str:
    return f"#{request.pk} {request.category} · {Truncator(request.description).chars(40)}"


LINKABLES = [
    Kind(
        "office.request",
        _("request"),
        _rows,
        ("description", "place"),
        _title,
        "office.view_request",
    )
]
