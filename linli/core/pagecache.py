"""Whole rendered pages, kept per person until what they show changes.

Residents read far more than anyone writes. A view decorated with `@cached_page` keeps
the page it rendered (gzip-compressed) under a key made of the path and query string,
the person (session user or API token), their language, their CSRF cookie (the page
embeds a token derived from it), the htmx headers, the Accept header and the current
minute (what a page derives from the clock, "3 分钟前", is never more than a minute old).

With the page, the cache keeps what it was made of: the tables its render read (every
SELECT is watched while the view runs) and each table's *generation* at that moment. A
hit is a page whose tables are all still at those generations. Any INSERT, UPDATE or
DELETE that changes a row moves the generation of the table it wrote (immediately, and
again when its transaction commits, so a page rendered by another connection between
the write and the commit is never kept as current), from any process: web workers, the
task worker, the scheduler, `linli shell`. So a reply empties the pages that read
replies, not the decisions or the guide; a write whose table cannot be told moves every
page on.

Not moving any page:
- tables no page shows (IGNORED_TABLES: sessions, rate counters, …);
- counters: an UPDATE that sets only COUNTER_COLUMNS (reads, supports, hot scores). A
  page shows them as of the minute it was rendered, at most about a minute old.

What is not kept: non-GET requests, responses other than 200, responses that set a
cookie or change the session, requests with flash messages waiting, `no-store` pages,
and a page during whose render anything was written (the *data generation*, moved by
every write, changed): it may predate that write.
A view with a side effect on reading passes it as `on_hit`, which runs for cache hits
(the view itself runs it on misses); views with other side effects are not decorated.
A view that shows data kept outside the database (an index in the process) calls
`depends_on(table, …)` while rendering.

Who is signed in is never cached: the session row and its person are read on every
request (linli/core/middleware.py), so a logout or a password change counts at the next
request on every node; a role change moves the roles table, which every page that asked
for roles read.

Generations live in the shared cache when the cache is Redis (several machines),
otherwise in small files under var/cache/ (every process of one machine sees them), and
the pages themselves in Redis or in each process. Writes made to the database outside
Django (the sqlite3 shell) are not seen: run `linli shell -c "from linli.core import
pagecache; pagecache.bump()"` after such surgery, or wait a minute.
"""

import gzip
import hashlib
import os
import re
import threading
import time
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from . import metrics

TIMEOUT = 120
# Tables that no page shows: writing them does not change any page.
IGNORED_TABLES = frozenset(
    {
        "django_session",
        "axes_accessattempt",
        "axes_accessattemptexpiration",
        "axes_accesslog",
        "axes_accessfailurelog",
        "django_tasks_database_dbtaskresult",
        "api_ratecounter",
        "api_idempotentrequest",
    }
)
_READ_ONLY = (
    "SELECT",
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "BEGIN",
    "COMMIT",
    "PRAGMA",
    "SET ",
    "SHOW",
    "EXPLAIN",
)
_TABLE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?([\w.]+)"?',
    re.I,
)
# Every table a statement writes (INSERT/UPDATE/DELETE anywhere, including in a WITH).
_WRITTEN = re.compile(
    r'(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?([\w.]+)"?', re.I
)
# Every table a SELECT reads.
_READS = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?', re.I)
# The columns an UPDATE assigns (unqualified names followed by "="; qualified ones are
# references such as "forum_topic"."read_count").
_ASSIGNED = re.compile(r'(?<![.\w"])"?(\w+)"?\s*=(?!=)')
# Columns that only count: an UPDATE setting nothing else moves no page.
COUNTER_COLUMNS = frozenset({"read_count", "support_count", "hot"})
# Every page depends on these: ANY (a write whose table could not be told, or `bump()`), the
# signed-in person's own row (read before the view runs) and roles (what a person may see;
# rare writes), so that a role change counts at the next request whatever the page read.
ANY = "_any"
ALWAYS = (ANY, "community_resident", "community_role")
_GZIP = re.compile(r"\bgzip\b")
_KEPT_HEADERS_SKIP = {"content-length", "content-encoding", "set-cookie"}


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


# --- the data generation -------------------------------------------------------------


class FileGeneration:
    """The generation as the length of one append-only file: it only ever grows.

    A bump appends one byte (O_APPEND writes are atomic between processes); a read is one
    stat(). When the file holds ROTATE bytes on disk it is replaced by a sparse file that is
    longer still (no disk used), so the length never repeats and the disk never fills.
    """

    ROTATE = 1 << 20
    JUMP = 1 << 20  # beyond anything bumps racing the replacement could reach in the old file

    def __init__(self, path: Path):
        self.path = Path(path)

    def read(self) -> str:
        try:
            return str(os.stat(self.path).st_size)
        except FileNotFoundError:
            return "0"

    def bump(self) -> None:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except FileNotFoundError:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, b".")
            st = os.fstat(fd)
        finally:
            os.close(fd)
        if st.st_blocks * 512 >= self.ROTATE:
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
            with open(tmp, "wb") as f:
                f.truncate(st.st_size + self.JUMP)
            os.replace(tmp, self.path)


class CacheGeneration:
    """The generation as a counter in the shared cache (Redis)."""

    KEY = "pagecache:generation"

    def __init__(self, alias: str, key: str = KEY):
        self.alias = alias
        self.KEY = key

    def read(self) -> str:
        return str(caches[self.alias].get(self.KEY, 0))

    def bump(self) -> None:
        cache = caches[self.alias]
        try:
            cache.incr(self.KEY)
        except ValueError:
            cache.add(self.KEY, 1, timeout=None)
            cache.incr(self.KEY)


class FileTables:
    """One generation per table: a FileGeneration per table in one directory."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def read(self, tables) -> tuple:
        return tuple(FileGeneration(self.directory / t).read() for t in tables)

    def bump(self, tables) -> None:
        for t in tables:
            FileGeneration(self.directory / t).bump()


class CacheTables:
    """One generation per table, as counters in the shared cache (one round trip to read)."""

    PREFIX = "pagecache:table:"

    def __init__(self, alias: str):
        self.alias = alias

    def read(self, tables) -> tuple:
        keys = [self.PREFIX + t for t in tables]
        found = caches[self.alias].get_many(keys)
        return tuple(str(found.get(k, 0)) for k in keys)

    def bump(self, tables) -> None:
        for t in tables:
            CacheGeneration(self.alias, self.PREFIX + t).bump()


_store = None
_tables = None


def generation_store():
    global _store
    if _store is None:
        if getattr(settings, "REDIS_URL", None):
            _store = CacheGeneration("pages")
        else:
            _store = FileGeneration(
                getattr(
                    settings,
                    "PAGE_CACHE_GENERATION_FILE",
                    Path(settings.VAR_DIR) / "cache" / "generation",
                )
            )
    return _store


def table_store():
    global _tables
    if _tables is None:
        if getattr(settings, "REDIS_URL", None):
            _tables = CacheTables("pages")
        else:
            _tables = FileTables(_tables_directory())
    return _tables


def _tables_directory() -> Path:
    """Beside the generation file and named after it ("generation-gw0" → "tables-gw0"), so
    that whoever has a generation of their own (a test worker) has tables of their own too:
    another worker's writes would otherwise make every page it keeps stale at once."""
    file = Path(
        getattr(
            settings, "PAGE_CACHE_GENERATION_FILE", Path(settings.VAR_DIR) / "cache" / "generation"
        )
    )
    if "generation" in file.name:
        return file.with_name(file.name.replace("generation", "tables", 1))
    return file.with_name(file.name + ".tables")


def generation(request=None) -> str:
    """The current data generation; with a request, read once for that request."""
    if request is None:
        return generation_store().read()
    try:
        return request._data_generation
    except AttributeError:
        request._data_generation = generation_store().read()
        return request._data_generation


def bump(tables=(ANY,)) -> None:
    """Move the data generation and the given tables' generations (by default: every page's)."""
    generation_store().bump()
    table_store().bump(tables)


# --- watching the database for reads and writes ---------------------------------------

_local = threading.local()


class recording:
    """Within it, the tables every SELECT of this thread reads are added to `self.tables`."""

    def __init__(self):
        self.tables = set(ALWAYS)

    def __enter__(self):
        stack = _local.__dict__.setdefault("recorders", [])
        stack.append(self.tables)
        return self

    def __exit__(self, *exc):
        _local.recorders.remove(self.tables)


def depends_on(*tables) -> None:
    """The page being rendered shows these tables' data without reading them now (from an
    index kept in the process, say): their writes must move it on too."""
    for recorder in getattr(_local, "recorders", ()):
        recorder.update(tables)


def written_tables(sql: str):
    """The tables a statement changes: () when it changes none a page shows, None when they
    cannot be told (every page moves on)."""
    head = sql.lstrip()[:9].upper()
    if head.startswith(_READ_ONLY):
        return ()
    names = {m.split(".")[-1].strip('"') for m in _WRITTEN.findall(sql)}
    if not names:
        return None
    names -= IGNORED_TABLES
    if names and head.startswith("UPDATE") and _counters_only(sql):
        return ()
    return tuple(sorted(names))


def _counters_only(sql: str) -> bool:
    upper = sql.upper()
    start = upper.find(" SET ")
    if start < 0:
        return False
    end = upper.find(" WHERE ", start)
    assigned = set(_ASSIGNED.findall(sql[start + 5 : end if end > 0 else None]))
    return bool(assigned) and assigned <= COUNTER_COLUMNS


def _changes_pages(sql: str) -> bool:
    return written_tables(sql) != ()


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    recorders = getattr(_local, "recorders", None)
    if recorders and sql.lstrip()[:6].upper() == "SELECT":
        names = _READS.findall(sql)
        for recorder in recorders:
            recorder.update(names)
        return result
    tables = written_tables(sql)
    if tables != ():
        rowcount = getattr(context.get("cursor"), "rowcount", -1)
        # SQLite counts the rows of an INSERT … RETURNING only once they are fetched (after
        # this): 0 then means "not yet", not "nothing changed".
        if rowcount != 0 or " RETURNING " in sql.upper():
            _changed(context["connection"], tables or (ANY,))
    return result


def _changed(connection, tables):
    bump(tables)
    if connection.in_atomic_block:
        pending = connection.__dict__.get("_pagecache_pending")
        if pending is None or not any(func is pending for _, func, _ in connection.run_on_commit):
            pending = _AtCommit()
            connection._pagecache_pending = pending
            transaction.on_commit(pending, using=connection.alias)
        pending.tables.update(tables)


class _AtCommit:
    """Moves the tables a transaction wrote once more when it commits."""

    def __init__(self):
        self.tables = set()

    def __call__(self):
        bump(tuple(sorted(self.tables)))


def _install(sender, connection, **kwargs):
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def watch_database():
    """Called once from CoreConfig.ready(): every connection, new or already open, is watched."""
    from django.db import connections

    connection_created.connect(_install, dispatch_uid="linli.pagecache")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


# --- keeping pages --------------------------------------------------------------------

_KEY_HEADERS = (
    "HTTP_AUTHORIZATION",
    "HTTP_ACCEPT",
    "HTTP_HX_REQUEST",
    "HTTP_HX_TARGET",
    "HTTP_HX_TRIGGER",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_CURRENT_URL",
    "HTTP_HOST",
)


def page_key(request, generation: str = "") -> str:
    meta = request.META
    user = getattr(request, "user", None)
    parts = [
        generation,
        str(int(time.time() // 60)),
        meta.get("PATH_INFO", ""),
        meta.get("QUERY_STRING", ""),
        getattr(request, "LANGUAGE_CODE", ""),
        str(user.pk) if user is not None and user.is_authenticated else "-",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        *(meta.get(h, "") for h in _KEY_HEADERS),
    ]
    return "page:" + hashlib.blake2b("\x1f".join(parts).encode(), digest_size=20).hexdigest()


def _has_messages(request) -> bool:
    if request.COOKIES.get("messages"):
        return True
    session = getattr(request, "session", None)
    return session is not None and "_messages" in session


def _keepable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page whose CSRF token comes from a secret the browser did not send (a new
        # cookie) is someone else's page: keep only tokens from the browser's own cookie.
        and request.META.get("CSRF_COOKIE")
        in (None, request.COOKIES.get(settings.CSRF_COOKIE_NAME))
        and not getattr(getattr(request, "session", None), "modified", False)
        and "no-store" not in response.get("Cache-Control", "")
        and not response.has_header("Content-Encoding")
    )


def _entry(response, tables=(), generations=()) -> tuple:
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _KEPT_HEADERS_SKIP]
    return (
        response.status_code,
        headers,
        gzip.compress(response.content, compresslevel=6, mtime=0),
        tuple(tables),
        tuple(generations),
    )


def _current(entry) -> bool:
    """Whether every table the page was made of is still at the generation it was made at."""
    tables, generations = entry[3], entry[4]
    return table_store().read(tables) == generations


def _response(request, entry) -> HttpResponse:
    status, headers, body = entry[:3]
    compressed = bool(_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    response = HttpResponse(
        body if compressed else gzip.decompress(body), status=status, headers=dict(headers)
    )
    if compressed:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
    response["Content-Length"] = str(len(response.content))
    response["X-Page-Cache"] = "hit"
    return response


def cached_page(view=None, *, on_hit=None, unless=None):
    """Keep the pages this view renders (see the module's docstring). `on_hit(request,
    *args, **kwargs)` runs when a page is answered from the cache; `unless(request)`
    returning True runs the view uncached (a page asked to recompute something)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                not enabled()
                or request.method != "GET"
                or _has_messages(request)
                or (unless is not None and unless(request))
            ):
                return view(request, *args, **kwargs)
            pages = caches["pages"]
            before = generation(request)
            key = page_key(request)
            entry = pages.get(key)
            if entry is not None and not _current(entry):
                entry = None
            metrics.page_cache_lookup(entry is not None)
            if entry is not None:
                if on_hit is not None:
                    on_hit(request, *args, **kwargs)
                return _response(request, entry)
            with recording() as record:
                response = view(request, *args, **kwargs)
                if not getattr(response, "is_rendered", True):
                    response.render()  # its SELECTs are the page's too

            # A view that wrote something while rendering is not kept (its page may predate
            # its own write, and a hit would skip the write next time); nor a page rendered
            # while anything else was written: its tables' generations may be newer than it.
            if _keepable(request, response) and generation() == before:
                tables = tuple(sorted(record.tables))
                pages.set(key, _entry(response, tables, table_store().read(tables)), TIMEOUT)
            return response

        return wrapper

    return decorator(view) if view is not None else decorator


def clear() -> None:
    caches["pages"].clear()
