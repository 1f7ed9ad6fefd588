"""{% load sorting %}{% building_dropoffs building %}: a building's drop-off points and times (one query)."""

from django import template

from ..selectors import dropoffs_for_building

register = template.Library()


@register.inclusion_tag("sorting/building_dropoffs.html", takes_context=True)
def building_dropoffs(context, building):
    return {
        "points": dropoffs_for_building(building),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        "building": building,
    }
