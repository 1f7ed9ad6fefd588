"""Consultations other capabilities can link to (linli/core/linkables.py)."""

from django.utils.translation import gettext_lazy as _

from linli.core.linkables import Kind


def _rows(neighborhood):
    from .models import Consultation

    qs = Consultation.objects.select_related("neighborhood").order_by("-pk")
    return qs if neighborhood is None else qs.filter(neighborhood=neighborhood)


LINKABLES = [
    Kind(
        "consult.consultation",
        _("consultation"),
        _rows,
        ("title",),
        str,
        "consult.view_consultation",
    )
]
