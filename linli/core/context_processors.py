from django.conf import settings
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from .registry import linli_apps

# The desktop menu's groups, in order; each app names its group in AppConfig.nav_group
# (an app without one lands in the last group).
GROUPS = (
    ("neighbors", pgettext_lazy("menu", "Neighbors")),
    ("have_a_say", pgettext_lazy("menu", "Have a say")),
    ("services", pgettext_lazy("menu", "Services")),
)


def _nav_entries():
    entries = []
    for config in linli_apps():
        icon = getattr(config, "nav_icon", "squares-2x2")
        group = getattr(config, "nav_group", GROUPS[-1][0])
        for url_name, label, perm in getattr(config, "nav", []):
            entries.append((url_name, label, perm, icon, group))
    return entries


def _is_current(path, url):
    return path == url if url == "/" else path.startswith(url)


def linli(request):
    """Header data for every page: the site's name and the capability navigation.

    `capability_nav` is every capability the person may open ({url, label, icon, current});
    `nav_groups` the same grouped for the desktop menu; `tab_current` which tab of the
    phone's tab bar the page belongs to. What the header shows about the person (staff link,
    unread count) comes from the apps that know it: `linli.community.context_processors`
    and `linli.notify.context_processors`.
    """
    user = getattr(request, "user", None)
    path = getattr(request, "path", "/")
    nav, groups = [], {key: [] for key, _label in GROUPS}
    for url_name, label, perm, icon, group in _nav_entries():
        if perm is None or (user is not None and user.has_perm(perm)):
            url = reverse(url_name)
            item = {"url": url, "label": label, "icon": icon, "current": _is_current(path, url)}
            nav.append(item)
            groups.get(group, groups[GROUPS[-1][0]]).append(item)
    nav_groups = [
        {
            "key": key,
            "label": label,
            "items": groups[key],
            "current": any(i["current"] for i in groups[key]),
        }
        for key, label in GROUPS
        if groups[key]
    ]
    return {
        "site_name": settings.LINLI["SITE_NAME"],
        "capability_nav": nav,
        "nav_groups": nav_groups,
        "tab_current": _tab(path),
    }


def _tab(path):
    """The phone tab bar's tab for a path: home, forum, notifications, me, or all (the rest)."""
    if path == "/":
        return "home"
    for prefix, tab in (
        ("/forum/", "forum"),
        ("/notifications/", "notifications"),
        ("/me/", "me"),
        ("/accounts/", "me"),
    ):
        if path.startswith(prefix):
            return tab
    return "all"
