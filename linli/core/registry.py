"""Each capability plugs into the shared frame by module name, so that adding an app
touches only that app and INSTALLED_APPS:

- `<app>/urls.py`      included at the site root (namespace = the module's app_name)
- `<app>/api.py`       `router` mounted under /api/v1/<PREFIX>/ (PREFIX defaults to "")
- `<app>/demo.py`      `load(stdout)` called by `linli demo`, in INSTALLED_APPS order
- `<app>/home.py`      `cards(request)` → list of home-page cards (see core/home.py)
- `<app>/privacy.py`   `export(person)` and `anonymise(person)` for PIPL requests
- `<app>/profile.py`   `work(person_id)` → dict of what the person did there, for their talent profile
- `<app>/schedule.py`  `DAILY` and `EVERY_MINUTE` lists of callables run by `linli scheduler`
- `AppConfig.nav`      [(url name, label, permission or None)] for the main navigation

`site_urls(app_modules("urls"))` puts every app's routes at the site root (config/urls.py).
"""

import importlib
from functools import cache

from django.apps import apps
from django.urls import URLPattern, include, path
from django.urls.resolvers import RoutePattern, URLResolver


def linli_apps():
    return [config for config in apps.get_app_configs() if config.name.startswith("linli.")]


@cache
def app_modules(submodule: str):
    found = []
    for config in linli_apps():
        name = f"{config.name}.{submodule}"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return tuple(found)


def grouped_urls(module):
    """An app's urls.py for the site root, its routes grouped by their first path segment.

    Apps share the root, so Django's resolver would try every route of every app in turn
    (a hundred regular expressions for a page of the last app). Grouping "consult/…"
    routes under one "consult/" include lets the resolver skip a whole group with one
    test. Names and namespaces are unchanged; routes whose first segment is not a plain
    word (regular expressions, converters) stay as they are, in their place.
    """

    def segment(p):
        if not isinstance(p, URLPattern) or not isinstance(p.pattern, RoutePattern):
            return None
        route = str(p.pattern)
        head, slash, _rest = route.partition("/")
        return head if slash and head and "<" not in head else None

    groups, order = {}, []
    for p in module.urlpatterns:
        key = segment(p)
        if key is None:
            order.append(p)
        else:
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(p)
    patterns = []
    for item in order:
        if not isinstance(item, str):
            patterns.append(item)
            continue
        inner = [
            path(str(p.pattern)[len(item) + 1 :], p.callback, p.default_args, name=p.name)
            for p in groups[item]
        ]
        patterns.append(path(f"{item}/", include(inner)))
    return path("", include((patterns, module.app_name)))


def _head(pattern):
    """The plain first path segment every route of this pattern begins with, or None."""
    if not isinstance(pattern.pattern, RoutePattern):
        return None
    head, slash, _rest = str(pattern.pattern).partition("/")
    return head if slash and head and "<" not in head else None


class _SiteRoutes(URLResolver):
    """Every app's grouped routes at the site root, looked up by the path's first segment.

    Reversing sees all apps, as `path("", include([...]))` would. Resolving a path only
    tries the apps that have a route under its first segment (plus any app with a route
    that has no plain first segment, in its place), so "/volunteers/" is not walked through
    fifteen other apps first, each raising and catching its own Resolver404. The index is
    built once from the URLconf, like Django's own reverse dictionaries, and holds only the
    resolvers; every request gets its own ResolverMatch and kwargs.
    """

    def __init__(self, app_patterns):
        super().__init__(RoutePattern(""), list(app_patterns))
        heads_of = []
        for app in app_patterns:
            heads = {_head(p) for p in app.url_patterns}
            heads_of.append(None if None in heads else heads)
        every_head = set().union(*(h for h in heads_of if h))

        def routes(head):
            chosen = [
                app
                for app, heads in zip(app_patterns, heads_of, strict=True)
                if heads is None or head in heads
            ]
            return URLResolver(RoutePattern(""), chosen)

        self._by_head = {head: routes(head) for head in every_head}
        self._others = routes(None)

    def resolve(self, path):
        head = str(path).partition("/")[0]
        return self._by_head.get(head, self._others).resolve(path)


def site_urls(modules):
    """The pattern config/urls.py mounts at the root for the apps' urls.py modules."""
    return _SiteRoutes([grouped_urls(module) for module in modules])
