"""`linli demo`: every app's `demo.load(stdout)` in INSTALLED_APPS order (community first), then
every app's `demo.introduce(stdout)`, if it has one (the demo logins, from community)."""

import time

from .registry import app_modules


def load_all(stdout):
    for module in app_modules("demo"):
        if not hasattr(module, "load"):
            continue  # this module itself
        started = time.monotonic()
        module.load(stdout=stdout)
        stdout.write(f"  {module.__name__.split('.')[1]:<12} {time.monotonic() - started:5.1f} s")


def introduce_all(stdout):
    for module in app_modules("demo"):
        if hasattr(module, "introduce"):
            module.introduce(stdout=stdout)
