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


@register.simple_tag
def icon(name, label=""):
    """An icon of the vendored Heroicons sprite (linli/core/icons.py). Decorative unless it
    gets a label, which screen readers then read (`{% icon "bell" _("Notifications") %}`)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    from linli.core.icons import NAMES, SPRITE

    if name not in NAMES:
        raise template.TemplateSyntaxError(f"No icon {name!r} in linli/core/icons.py NAMES")
    href = f"{static(SPRITE)}#{name}"
    if label:
        return format_html(
            '<svg class="icon" role="img" aria-label="{}"><use href="{}"></use></svg>', label, href
        )
    return format_html('<svg class="icon" aria-hidden="true"><use href="{}"></use></svg>', href)


AVATAR_COLOURS = 8


def initials(name):
    """What an avatar shows: the first character of a Chinese name (王芳 → 王), the first
    letters of the first two words of a Latin one (Emma Schulz → ES)."""
    name = (name or "").strip()
    if not name:
        return "?"
    if not name[0].isascii():
        return name[0]
    words = [w for w in name.replace("_", " ").replace(".", " ").split() if w]
    return "".join(w[0] for w in words[:2]).upper() or name[0].upper()


@register.simple_tag
def avatar(person, size=""):
    """A round badge with the person's initials, coloured by a class (not an inline style,
    which the CSP refuses) chosen from the name, so one person keeps one colour."""
    from django.utils.html import format_html

    name = getattr(person, "public_name", None) or str(person)
    colour = sum(map(ord, name)) % AVATAR_COLOURS
    classes = f"avatar avatar-{colour}" + (f" avatar-{size}" if size else "")
    return format_html('<span class="{}" aria-hidden="true">{}</span>', classes, initials(name))
