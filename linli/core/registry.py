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
