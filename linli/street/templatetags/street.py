"""For the office's request page (which cannot import the street app, standing below it):
where the request stands with the street, and whether this person may escalate it."""

from django import template

from ..selectors import escalation_of

register = template.Library()


@register.inclusion_tag("street/_request_escalation.html", takes_context=True)
def request_escalation(context, item):
    """One query: the request's latest escalation."""
    user = context["request"].user
    current = escalation_of(item.pk) if user.has_perm("street.view_escalations", item) else None
    return {
        "item": item,
        "current": current,
        "can_escalate": item.is_open
        and user.has_perm("street.escalate_request", item)
        and not (current and current.is_open),
    }
