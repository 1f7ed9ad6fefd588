from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"


@register.filter
def percent(part, whole):
    """Part of a whole as a percentage with one decimal, rounded half up (Django's number_format
    cuts digits off: 70.99 would show as 70.9 %)."""
    try:
        value = Decimal(100) * Decimal(str(part)) / Decimal(str(whole))
    except (TypeError, ArithmeticError, InvalidOperation):
        return "–"
    return number_format(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), 1) + "%"


@register.filter
def plural_count(value):
    """A whole number that picks the same plural form as `value` (ngettext takes integers only):
    1 for exactly one, else 2 ("1 hour", "1.5 hours")."""
    try:
        return 1 if value == 1 else 2
    except TypeError:
        return 2


@register.simple_tag(takes_context=True)
def staff_links(context, neighborhood):
    """Each app's staff pages for a neighborhood: AppConfig.staff_nav = [(url name taking the slug, label, perm)]."""
    from django.urls import NoReverseMatch, reverse

    from linli.core.registry import linli_apps

    user = context["request"].user
    links = []
    for config in linli_apps():
        for url_name, label, perm in getattr(config, "staff_nav", []):
            if perm and not user.has_perm(perm, neighborhood):
                continue
            try:
                links.append({"url": reverse(url_name, args=[neighborhood.slug]), "label": label})
            except NoReverseMatch:
                continue
    return links
