"""Which database the benchmark runs on: `sqlite` (a file under var/bench/sqlite/) or a PostgreSQL URL."""

import re
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/bench"


class Database(NamedTuple):
    kind: str  # "sqlite" | "postgres"
    url: str | None  # DATABASE_URL for the server and loaders; None for SQLite under LINLI_VAR
    dir_name: str  # the data directory: var/bench/<dir_name>
    label: str  # what the report shows (no password)


def parse_database(value):
    value = (value or "sqlite").strip()
    if value == "sqlite":
        return Database("sqlite", None, "sqlite", "sqlite")
    if value in {"postgres", "postgresql"}:
        value = DEFAULT_POSTGRES
    parts = urlsplit(value)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ValueError(f"--database must be 'sqlite' or a postgres:// URL, not {value!r}")
    name = parts.path.lstrip("/")
    if not name or not re.fullmatch(r"[A-Za-z0-9_\-]+", name):
        raise ValueError(
            f"the PostgreSQL URL must name a database (letters, digits, _ or -): {value!r}"
        )
    netloc = parts.netloc
    if parts.password:
        netloc = netloc.replace(f":{parts.password}@", ":***@")
    return Database(
        "postgres", value, f"postgres-{name}", urlunsplit(parts._replace(netloc=netloc))
    )


def ensure_postgres_database(url):
    """Create the database named in url if it does not exist (connecting to the `postgres` database)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True
