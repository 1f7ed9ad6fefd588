"""Test settings: fast hashing, tasks run immediately, mail kept in memory."""

import os

os.environ.setdefault(
    "LINLI_VAR", str(__import__("pathlib").Path(__file__).resolve().parents[2] / "var" / "test")
)

# Concurrency tests race 20–2,000 threads, each holding its own connection: no pool here (the
# pool is tested in a process of its own, linli/core/tests/test_deploy.py).
os.environ.setdefault("LINLI_DB_POOL", "0")

from linli.core.sqlite import is_sqlite

from .base import *  # noqa: F403
from .base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "linli.core.media.LocalMediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "linli-test",
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "linli-test-pages",
    },
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "linli-test-fragments",
    },
}
AXES_ENABLED = True
# Each pytest-xdist worker has its own database, so its own page-cache generations (and
# tables, named after them) and rate counts; a SQLite and a PostgreSQL run of the same
# checkout at once have theirs too (each one's writes would make the other's pages stale).
_worker = "-".join(
    (os.environ.get("PYTEST_XDIST_WORKER", "main"), DATABASES["default"]["ENGINE"].split(".")[-1])
)
PAGE_CACHE_GENERATION_FILE = VAR_DIR / "cache" / f"generation-{_worker}"  # noqa: F405
RATELIMIT_SQLITE_FILE = VAR_DIR / "cache" / f"ratelimit-{_worker}.sqlite3"  # noqa: F405
if is_sqlite(DATABASES["default"]["ENGINE"]):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # ":memory:" (not None): pytest-django recognises an in-memory database by that name only
    # for its own engine string, and Linli's backend has another.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise looks for it)
