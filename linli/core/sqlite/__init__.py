"""Linli's SQLite backend: Django's, with the file switched to WAL safely when many processes
open a new database at once (see base.py)."""

ENGINE = "linli.core.sqlite"
ENGINES = {ENGINE, "django.db.backends.sqlite3"}


def is_sqlite(engine: str) -> bool:
    return engine in ENGINES
