"""Whole rendered pages, kept per person until the data changes.

Residents read far more than anyone writes. A view decorated with `@cached_page` keeps
the page it rendered (gzip-compressed) under a key made of

- the *data generation*: a token that changes after every write to the database, from
  any process (web workers, the task worker, the scheduler, `linli shell`);
- the path and query string, the person (session user or API token), their language,
  their CSRF cookie (the page embeds a token derived from it), the htmx headers and
  the Accept header;
- the current minute, so that what a page derives from the clock ("3 分钟前", "closes
  today") is never more than a minute old.

The next identical request is answered from the cache without running the view. Any
INSERT, UPDATE or DELETE that changes a row (except in the tables in IGNORED_TABLES,
which no page shows) moves the generation on — immediately, and again when its
transaction commits, so a page rendered by another connection between the write and
the commit is never kept under the new generation. A page is therefore never staler
than the data as of its request, whatever wrote it; the cost is that one write empties
the whole page cache, which suits a neighborhood: many reads, few writes.

What is not kept: non-GET requests, responses other than 200, responses that set a
cookie or change the session, requests with flash messages waiting, `no-store` pages.
A view with a side effect on reading passes it as `on_hit`, which runs for cache hits
(the view itself runs it on misses); views with other side effects are not decorated.

The generation lives in the shared cache when the cache is Redis (several machines),
otherwise in a small file under var/ (every process of one machine sees it). Writes made
to the database outside Django (the sqlite3 shell) are not seen: run `linli shell -c
"from linli.core import pagecache; pagecache.bump()"` after such surgery, or wait a
minute.
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

    def __init__(self, alias: str):
        self.alias = alias

    def read(self) -> str:
        return str(caches[self.alias].get(self.KEY, 0))

    def bump(self) -> None:
        cache = caches[self.alias]
        try:
            cache.incr(self.KEY)
        except ValueError:
            cache.add(self.KEY, 1, timeout=None)
            cache.incr(self.KEY)


_store = None


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


def generation(request=None) -> str:
    """The current data generation; with a request, read once for that request."""
    if request is None:
        return generation_store().read()
    try:
        return request._data_generation
    except AttributeError:
        request._data_generation = generation_store().read()
        return request._data_generation


def bump() -> None:
    generation_store().bump()


# --- watching the database for writes -----------------------------------------------


def _changes_pages(sql: str) -> bool:
    head = sql.lstrip()[:9].upper()
    if head.startswith(_READ_ONLY):
        return False
    match = _TABLE.match(sql)
    return not (match and match.group(1).strip('"').split(".")[-1] in IGNORED_TABLES)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _changes_pages(sql):
        rowcount = getattr(context.get("cursor"), "rowcount", -1)
        if rowcount != 0:
            _changed(context["connection"])
    return result


def _changed(connection):
    bump()
    if connection.in_atomic_block and not any(
        func is bump for _, func, _ in connection.run_on_commit
    ):
        transaction.on_commit(bump, using=connection.alias)


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


def page_key(request, generation: str) -> str:
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


def _entry(response) -> tuple:
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _KEPT_HEADERS_SKIP]
    return (
        response.status_code,
        headers,
        gzip.compress(response.content, compresslevel=6, mtime=0),
    )


def _response(request, entry) -> HttpResponse:
    status, headers, body = entry
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
            key = page_key(request, before)
            entry = pages.get(key)
            metrics.page_cache_lookup(entry is not None)
            if entry is not None:
                if on_hit is not None:
                    on_hit(request, *args, **kwargs)
                return _response(request, entry)
            response = view(request, *args, **kwargs)

            def keep(response):
                # A view that wrote something while rendering is not kept: its page may
                # predate its own write, and a hit would skip the write next time.
                if _keepable(request, response) and generation() == before:
                    pages.set(key, _entry(response), TIMEOUT)

            if getattr(response, "is_rendered", True):
                keep(response)
            else:
                response.add_post_render_callback(keep)
            return response

        return wrapper

    return decorator(view) if view is not None else decorator


def clear() -> None:
    caches["pages"].clear()
