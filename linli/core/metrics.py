"""Prometheus metrics at `/metrics`, with prometheus-client.

- `linli_http_requests_total{method,route,status}`: requests answered, by route *name*
  (`forum:topic-detail`, never the path: the number of series stays bounded);
- `linli_http_request_duration_seconds{route}`: how long the answer took (histogram);
- `linli_http_request_db_seconds{route}`: time spent in the database during the request,
  measured by a `connection.execute_wrapper` around the request (histogram);
- `linli_page_cache_lookups_total{result}`: page-cache hits and misses (linli/core/pagecache.py);
- `linli_fragment_cache_lookups_total{result}`: rows of lists found or rendered (linli/core/fragments.py);
- `linli_task_queue_ready{queue}`: background tasks ready to run and not yet taken, counted in
  django-tasks-db's table when the page is scraped.

Gunicorn runs several worker processes: `linli serve` sets `PROMETHEUS_MULTIPROC_DIR` (under
var/ unless set), empties it at start, and gunicorn's `child_exit` hook marks a dead worker
(`linli.core.gunicorn_hooks`). Each process writes its samples to memory-mapped files there and
a scrape adds up the files of every process, dead ones included (counters never go back).
Without the variable (`runserver`, tests) the samples stay in the process.

`/metrics` is answered by the middleware before any other (no session, no CSRF, no redirect to
https) and only to addresses in `LINLI_METRICS_ALLOW` (CIDRs, loopback by default); anyone else
gets 404. A request that came through a proxy counts as coming from the client the proxy names
(linli/core/clientip.py), and is refused when that client cannot be told (a proxy that is not
in `LINLI_TRUSTED_PROXIES`): otherwise a proxy on the loopback would open `/metrics` to the world.
"""

import ipaddress
import os
import time
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count
from django.http import Http404, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from .clientip import client_ip

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
PATH = "/metrics"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")

# Our metrics live in a registry of their own: the scrape in multiprocess mode reads them from
# the files, and the library's process collectors (per-process numbers) stay out of the way.
REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "linli_http_requests",
    "HTTP requests answered, by method, route name and status.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "linli_http_request_duration_seconds",
    "Time to answer a request, by route name.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
DB_TIME = Histogram(
    "linli_http_request_db_seconds",
    "Time spent in the database while answering a request, by route name.",
    ["route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5),
    registry=REGISTRY,
)
PAGE_CACHE = Counter(
    "linli_page_cache_lookups",
    "Page-cache lookups, by result (hit or miss).",
    ["result"],
    registry=REGISTRY,
)
_PAGE_CACHE_RESULT = {True: PAGE_CACHE.labels("hit"), False: PAGE_CACHE.labels("miss")}


def page_cache_lookup(hit: bool) -> None:
    _PAGE_CACHE_RESULT[hit].inc()


FRAGMENT_CACHE = Counter(
    "linli_fragment_cache_lookups",
    "Rows of lists looked up in the fragments cache (linli/core/fragments.py), by result.",
    ["result"],
    registry=REGISTRY,
)


def fragment_cache_lookups(hits: int, misses: int) -> None:
    if hits:
        FRAGMENT_CACHE.labels("hit").inc(hits)
    if misses:
        FRAGMENT_CACHE.labels("miss").inc(misses)


class TaskQueue:
    """Tasks ready to run, read from django-tasks-db's table at scrape time (one query)."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        family = GaugeMetricFamily(
            "linli_task_queue_ready",
            "Background tasks ready to run and not yet taken by a worker, by queue.",
            labels=["queue"],
        )
        try:
            rows = (
                DBTaskResult.objects.ready()
                .order_by()
                .values_list("queue_name")
                .annotate(n=Count("pk"))
            )
            counts = dict(rows)
        except DatabaseError:  # the database is down: say nothing rather than a wrong 0
            return
        for queue, n in sorted(counts.items()):
            family.add_metric([queue], n)
        if not counts:
            family.add_metric(["default"], 0)
        yield family

    def describe(self):
        return []


_TASK_QUEUE = TaskQueue()
REGISTRY.register(_TASK_QUEUE)


def scrape() -> bytes:
    if not os.environ.get(MULTIPROC_ENV):
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    registry.register(_TASK_QUEUE)
    return generate_latest(registry)


# --- who may read ----------------------------------------------------------------------


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]):
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def allowed(request) -> bool:
    address = client_ip(request)
    peer = request.META.get("REMOTE_ADDR", "")
    if address == peer and any(request.META.get(h) for h in _PROXY_HEADERS):
        return False  # came through a proxy that is not trusted: the client is unknown
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.LINLI_METRICS_ALLOW)))


def metrics_view(request):
    if not allowed(request):
        raise Http404
    return HttpResponse(scrape(), content_type=CONTENT_TYPE_LATEST)


# --- measuring each request ------------------------------------------------------------


class _DatabaseTimer:
    __slots__ = ("seconds",)

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start


def _route(request) -> str:
    match = request.resolver_match
    if match is not None:
        return match.view_name or "unnamed"
    if request.path_info.startswith(settings.STATIC_URL):
        return "static"  # answered by whitenoise before URL resolution
    return "unresolved"


class MetricsMiddleware:
    """First in MIDDLEWARE: answers `/metrics`, and times every other request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return metrics_view(request)
        start = time.perf_counter()
        timer = _DatabaseTimer()
        with connection.execute_wrapper(timer):
            response = self.get_response(request)
        elapsed = time.perf_counter() - start
        route = _route(request)
        method = request.method if request.method in METHODS else "other"
        requests, latency, db_time = _series(method, route, response.status_code)
        requests.inc()
        latency.observe(elapsed)
        db_time.observe(timer.seconds)
        return response


_SERIES = {}  # (method, route, status) -> its three series: `labels()` is a quarter of the cost


def _series(method, route, status):
    try:
        return _SERIES[method, route, status]
    except KeyError:
        series = (REQUESTS.labels(method, route, str(status)), LATENCY.labels(route))
        return _SERIES.setdefault((method, route, status), (*series, DB_TIME.labels(route)))


# --- several processes (linli serve) ---------------------------------------------------


def prepare_multiprocess_dir(environ, var_dir) -> str:
    """The folder gunicorn's workers write their samples to, emptied: called by `linli serve`
    before it starts them (samples of a previous run would be added to this one's)."""
    folder = Path(environ.get(MULTIPROC_ENV) or Path(var_dir) / "metrics")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.db"):
        old.unlink(missing_ok=True)
    return str(folder)
