"""Each capability plugs into the shared frame by module name, so that adding an app
touches only that app and INSTALLED_APPS:

- `<app>/urls.py`      included at the site root (namespace = the module's app_name)
- `<app>/api.py`       `router` mounted under /api/v1/<PREFIX>/ (PREFIX defaults to "")
- `<app>/demo.py`      `load(stdout)` called by `linli demo`, in INSTALLED_APPS order
- `<app>/home.py`      `cards(request)` → list of home-page cards (see core/home.py)
- `<app>/privacy.py`   `export(person)` and `anonymise(person)` for PIPL requests
- `<app>/schedule.py`  `DAILY` and `EVERY_MINUTE` lists of callables run by `linli scheduler`
- `AppConfig.nav`      [(url name, label, permission or None)] for the main navigation
"""

import importlib
from functools import cache

from django.apps import apps


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
    from django.urls import URLPattern, include, path
    from django.urls.resolvers import RoutePattern

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
