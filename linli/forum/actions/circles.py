"""Circles: a neighbour's small groups that a topic can be shown to."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from linli.community.models import Neighborhood, Resident
from linli.core.perms import require
from linli.forum.models import (
    Circle,
)

from .common import _circles_for


@transaction.atomic
def circle_create(
    *, actor: Resident, neighborhood: Neighborhood, name: str, description: str = ""
) -> Circle:
    require(
        actor,
        "forum.manage_circles",
        neighborhood,
        _("Only committee staff can create circles here."),
    )
    circles = _circles_for(neighborhood, [name], actor)
    if not circles:
        raise ValidationError(_("Give the circle a name."))
    [circle] = circles
    description = (description or "").strip()[:200]
    if description and description != circle.description:
        circle.description = description
        circle.save(update_fields=["description"])
    return circle
