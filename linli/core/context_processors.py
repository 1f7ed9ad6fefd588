from django.conf import settings
from django.urls import reverse

from linli.community.predicates import opens_staff_pages

from .registry import linli_apps


def _nav_entries():
    entries = []
    for config in linli_apps():
        entries.extend(getattr(config, "nav", []))
    return entries


def linli(request):
    """Header data for every page: staff link, unread count (one query), capability navigation."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    nav = []
    for url_name, label, perm in _nav_entries():
        if perm is None or (user is not None and user.has_perm(perm)):
            nav.append({"url": reverse(url_name), "label": label})
    unread = 0
    if signed_in:
        from linli.notify.selectors import unread_count

        unread = unread_count(user)
    return {
        "site_name": settings.LINLI["SITE_NAME"],
        # The header's "Staff" link: only for whom /staff/ opens (not leaders, owners, property).
        "is_staff_user": bool(signed_in and opens_staff_pages(user)),
        "unread_notifications": unread,
        "capability_nav": nav,
    }
