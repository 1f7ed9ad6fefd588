"""{% load volunteers %}{% volunteer_hours person %}: hours and shifts done, for a profile (one query)."""

from django import template

from ..selectors import volunteer_of

register = template.Library()


@register.inclusion_tag("volunteers/person_hours.html")
def volunteer_hours(person):
    return {"person": person, "volunteer": volunteer_of(person)}
