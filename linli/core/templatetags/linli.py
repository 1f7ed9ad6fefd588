import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import formats, timezone
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext

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


ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$"
)


def _readable_scalar(value):
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if value is None or value == "":
        return "–"
    if isinstance(value, str) and ISO_DATETIME.match(value):
        try:
            value = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _key_label(key):
    words = str(key).replace("_", " ").strip()
    return gettext(words) if words else "–"


def _readable(value, depth):
    if depth > 4:
        return format_html("{}", str(value))
    if isinstance(value, dict):
        if not value:
            return "–"
        return format_html(
            '<dl class="kv">{}</dl>',
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                ((_key_label(k), _readable(v, depth + 1)) for k, v in value.items()),
            ),
        )
    if isinstance(value, (list, tuple)):
        if not value:
            return "–"
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            separator = ", " if (get_language() or "").startswith("en") else "、"
            return separator.join(_readable_scalar(v) for v in value)
        return format_html(
            '<ol class="kv-list">{}</ol>',
            format_html_join("", "<li>{}</li>", ((_readable(v, depth + 1),) for v in value)),
        )
    return _readable_scalar(value)


@register.filter
def readable_key(key):
    return _key_label(key)


@register.filter
def readable(value):
    """Stored data (an audit entry's before and after, a person's export) as people read it:
    names and values instead of a Python dict, times in the local time zone and language."""
    return _readable(value, 0)


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
