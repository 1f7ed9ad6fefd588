"""Helpers for tests that need no app (the people and the neighborhood tree are built by
`linli.community.testing`), and the pytest plugin that watches where writes come from
(pyproject.toml loads it with `-p linli.core.testing`)."""

import os
import re
import sys
from contextlib import contextmanager

import pytest


def race(n, target):
    """Run target(i) in n threads released at the same moment; returns each result or the exception it raised.

    For concurrency tests on PostgreSQL (pytest.mark.django_db(transaction=True)): every thread
    has its own database connection, closed when it ends.
    """
    import threading

    from django.db import connections

    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = target(i)
        except Exception as error:  # collected and asserted by the caller
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


# --- every write from an action ------------------------------------------------------
#
# The house rule: every write is an action (`<app>/actions.py` or `<app>/actions/…`). The
# watch below sees each INSERT, UPDATE and DELETE that Django sends on the test's thread and
# finds, on the Python stack, the project module that issued it: the innermost frame in the
# project that is not plumbing (`linli.core.sql`). The write is in order when that module
# is an actions module, a migration, a demo or bench loader, a test or a test builder, or when
# the framework owns the write (sessions, login throttling, tasks, last login).
#
# `pytest --watch-writes=report` (or LINLI_WATCH_WRITES=report) lists the others at the end of
# the run; `--watch-writes=strict` fails the test that made one. `watch_writes()` is the
# same watch as a context manager, for a test of chosen flows (linli/core/tests/test_writes.py).

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?([\w.]+)"?',
    re.I,
)
# Modules whose writes are in order: (pattern, why).
WRITERS = [
    (re.compile(r"(^|\.)actions(\.|$)"), "an action"),
    (re.compile(r"\.migrations\."), "a migration"),
    (re.compile(r"(^|\.)demo(_\w+)?$"), "the demo loader"),
    (re.compile(r"^bench(\.|$)|(^|\.)bench$"), "the benchmark's data"),
    (re.compile(r"(^|\.)tests?(\.|$)|(^|\.)conftest$|^test_"), "a test"),
    (re.compile(r"^linli\.community\.testing$"), "a test builder"),
]
# Plumbing: a write issued here was asked for by its caller (a model's save(), the SQL helpers,
# this watch itself).
PLUMBING = re.compile(r"^linli\.core\.(sql|testing)$|\.models$")
# Tables the framework writes for itself (no page, no action of ours).
FRAMEWORK_TABLES = re.compile(r"^(django_session|axes_\w+|django_tasks_database_\w+|django_cache)$")
_CURSOR = "django.db.backends.utils"  # Django's cursor wrapper, which runs the execute wrappers
# Framework functions that write our tables on our behalf: (module, function).
FRAMEWORK_CALLS = {("django.contrib.auth.models", "update_last_login")}
# Writes outside actions that are in order on purpose: {module: why}. Keep this short.
EXCEPTIONS: dict[str, str] = {}


def write_issuer(sql):
    """(module, function, line) of the project frame that issued this write, or None when it is
    in order (see WRITERS, FRAMEWORK_TABLES, FRAMEWORK_CALLS, EXCEPTIONS)."""
    match = _WRITE.match(sql)
    if match is None:
        return None
    if FRAMEWORK_TABLES.match(match.group(1).strip('"').split(".")[-1]):
        return None
    frame = sys._getframe(1)  # out past the execute wrappers (this watch, the page cache's)
    while frame is not None and frame.f_globals.get("__name__") != _CURSOR:
        frame = frame.f_back
    while frame is not None and frame.f_globals.get("__name__") == _CURSOR:
        frame = frame.f_back
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if (module, frame.f_code.co_name) in FRAMEWORK_CALLS:
            return None
        if not PLUMBING.search(module) and (
            module.startswith(("linli.", "bench", "config.")) or module in ("conftest",)
        ):
            if module in EXCEPTIONS or any(p.search(module) for p, _ in WRITERS):
                return None
            return module, frame.f_code.co_name, frame.f_lineno
        if module.startswith("test_") or ".tests." in module:
            return None
        frame = frame.f_back
    return None  # no project frame: the framework's own (a management command, a signal…)


@contextmanager
def watch_writes(found=None):
    """Collect, in the list it yields, (module, function, line, table) for every write on the
    default connection of this thread that is not in order."""
    from django.db import connection

    found = [] if found is None else found

    def wrapper(execute, sql, params, many, context):
        issuer = write_issuer(sql)
        if issuer is not None:
            found.append((*issuer, _WRITE.match(sql).group(1).strip('"')))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield found


def pytest_addoption(parser):
    parser.addoption(
        "--watch-writes",
        choices=["", "report", "strict"],
        default=os.environ.get("LINLI_WATCH_WRITES", ""),
        help="report (at the end) or refuse (strict) database writes made outside an action",
    )


def pytest_configure(config):
    config._linli_writes = {}


@pytest.fixture(autouse=True)
def _watch_writes_of_every_test(request):
    mode = request.config.getoption("--watch-writes")
    if not mode:
        yield
        return
    with watch_writes() as found:
        yield
    for module, function, line, table in found:
        request.config._linli_writes.setdefault(
            (module, function, line, table), request.node.nodeid
        )
    if mode == "strict" and found:
        pytest.fail(
            "writes outside an action: "
            + "; ".join(f"{t} from {m}.{f} (line {n})" for m, f, n, t in found),
            pytrace=False,
        )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    found = getattr(config, "_linli_writes", {})
    if not found:
        return
    terminalreporter.section("writes outside an action")
    for (module, function, line, table), nodeid in sorted(found.items()):
        terminalreporter.write_line(
            f"{module}.{function}:{line} writes {table}  (first in {nodeid})"
        )
