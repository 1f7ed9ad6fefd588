"""{% linked kind id as item %}: a linked item's title and link for the person looking
(None when it is gone or not theirs to see); see linli/core/linkables.py."""

from django import template

from linli.core import linkables

register = template.Library()


@register.simple_tag(takes_context=True)
def linked(context, kind, pk):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not kind or not pk:
        return None
    return linkables.describe(user, kind, pk)
