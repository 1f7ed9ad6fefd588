from django.conf import settings
from django.urls import reverse

from .registry import linli_apps


def _nav_entries():
    entries = []
    for config in linli_apps():
        entries.extend(getattr(config, "nav", []))
    return entries


def linli(request):
    """Header data for every page: the site's name and the capability navigation.

    What the header shows about the person (staff link, unread count) comes from the apps
    that know it: `linli.community.context_processors` and `linli.notify.context_processors`.
    """
    user = getattr(request, "user", None)
    nav = []
    for url_name, label, perm in _nav_entries():
        if perm is None or (user is not None and user.has_perm(perm)):
            nav.append({"url": reverse(url_name), "label": label})
    return {"site_name": settings.LINLI["SITE_NAME"], "capability_nav": nav}
