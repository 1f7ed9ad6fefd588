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
    try:
        return number_format(100 * part / whole, 1) + "%"
    except (TypeError, ZeroDivisionError):
        return "–"


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
