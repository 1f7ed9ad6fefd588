"""Who is serving this database, and maintenance mode while `linli restore` replaces it.

Restoring under a running site loses writes: requests are acknowledged and then overwritten
by the backup (36 of 40 on SQLite, 34 of 49 on PostgreSQL, with "deadlock detected" 500s).
So every serving process holds a *serving lock* for as long as it runs, and `linli restore`
refuses while anyone holds it — or, with ``--force-maintenance``, switches the site into
maintenance mode (every request answers 503 with Retry-After) for the restore.

- **PostgreSQL** (any number of nodes): each serving process keeps one side connection
  holding a *shared* advisory lock; restore takes the same lock *exclusively* (so it sees
  every node, and a process that dies releases its lock with its connection). Maintenance
  mode is a second advisory lock the restore holds exclusively; serving processes look it up
  in ``pg_locks`` on the side connection at most once per ``CHECK_EVERY`` seconds.
- **SQLite** (one host): a shared ``flock`` on ``serving.lock`` beside the database; the
  restore holds ``maintenance.lock`` exclusively for maintenance mode, and serving processes
  probe it with a non-blocking ``flock`` per request (two system calls). Locks, not flag
  files: a restore that is killed cannot leave the site in maintenance.

Neither check goes through Django's connection, so pages keep their query counts.
"""

import contextlib
import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

LOCK_CLASS = 0x4C494E4C  # "LINL": advisory locks are (class, id) pairs, per database
SERVING, MAINTENANCE = 1, 2
CHECK_EVERY = 1.0  # seconds between two maintenance look-ups on PostgreSQL
RETRY_AFTER = 120

_held = {}  # what this process holds: {"file": fd} or {"pg": connection}
_state = {"checked": 0.0, "on": False}
_mutex = threading.Lock()


def grace() -> float:
    """Seconds the restore waits after switching maintenance on, for requests under way."""
    return float(getattr(settings, "MAINTENANCE_GRACE", CHECK_EVERY * 3))


def _folder() -> Path:
    name = str(connection.settings_dict.get("NAME") or "")
    if connection.vendor == "sqlite" and name and "memory" not in name and name != ":memory:":
        return Path(name).resolve().parent
    return Path(settings.VAR_DIR)


def _lock_path() -> Path:
    return _folder() / "serving.lock"


def _flag_path() -> Path:
    return _folder() / "maintenance.lock"


def _open(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


def _side_connection():
    side = connection.get_new_connection(connection.get_connection_params())
    side.autocommit = True
    return side


# --- serving processes -------------------------------------------------------------------


def hold_serving_lock() -> None:
    """Called once by every serving process (the WSGI application, `linli serve`)."""
    if _held:
        return
    if connection.vendor == "postgresql":
        side = _side_connection()
        side.execute("SELECT pg_advisory_lock_shared(%s, %s)", (LOCK_CLASS, SERVING))
        _held["pg"] = side
    elif connection.vendor == "sqlite":
        fd = _open(_lock_path())
        fcntl.flock(fd, fcntl.LOCK_SH)  # waits while a restore holds it exclusively
        _held["file"], _held["probe"] = fd, _open(_flag_path())


def release_serving_lock() -> None:
    if "pg" in _held:
        _held.pop("pg").close()
    for key in ("file", "probe"):
        if key in _held:
            os.close(_held.pop(key))
    _state.update(checked=0.0, on=False)


def _pg_maintenance_on(side) -> bool:
    row = side.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
        " WHERE d.datname = current_database() AND l.locktype = 'advisory'"
        " AND l.classid = %s AND l.objid = %s AND l.granted)",
        (LOCK_CLASS, MAINTENANCE),
    ).fetchone()
    return bool(row[0])


def in_maintenance() -> bool:
    """Cheap: a flock probe on SQLite; on PostgreSQL one look-up per CHECK_EVERY seconds."""
    if "probe" in _held:
        try:
            fcntl.flock(_held["probe"], fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(_held["probe"], fcntl.LOCK_UN)
        return False
    side = _held.get("pg")
    if side is None:
        return False
    now = time.monotonic()
    if now - _state["checked"] < CHECK_EVERY:
        return _state["on"]
    with _mutex:
        if now - _state["checked"] >= CHECK_EVERY:
            try:
                _state["on"] = _pg_maintenance_on(side)
            except Exception:  # the side connection broke (database restarted): take it again
                _held.pop("pg", None)
                hold_serving_lock()
                _state["on"] = _pg_maintenance_on(_held["pg"])
            _state["checked"] = now
    return _state["on"]


class MaintenanceMiddleware:
    """Every request answers 503 (translated page, Retry-After) while a restore runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if in_maintenance():
            return maintenance_response()
        return self.get_response(request)


def maintenance_response():
    response = HttpResponse(render_to_string("maintenance.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


# --- the restore ---------------------------------------------------------------------------


def _refuse():
    return CommandError(
        _(
            "Linli is serving this database right now: restoring would lose what people write "
            "meanwhile. Stop `linli serve` first, or run the restore with --force-maintenance "
            "to show a maintenance page while it runs."
        )
    )


@contextmanager
def restoring(*, force_maintenance=False, say=print):
    """Hold this around a restore: nobody is serving, or the site is in maintenance mode."""
    if connection.vendor == "postgresql":
        with _restoring_pg(force_maintenance, say):
            yield
    else:
        with _restoring_sqlite(force_maintenance, say):
            yield


@contextmanager
def _restoring_pg(force, say):
    side = _side_connection()
    try:
        free = side.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASS, SERVING)
        ).fetchone()[0]
        if not free:
            if not force:
                raise _refuse()
            side.execute("SELECT pg_advisory_lock(%s, %s)", (LOCK_CLASS, MAINTENANCE))
            say(_("Maintenance mode is on; waiting for requests under way to finish…"))
            time.sleep(grace())
        yield
    finally:
        # Release both locks before closing: a closed connection's backend exits (and lets go
        # of its locks) a moment later, and a server looking in between would still see them.
        with contextlib.suppress(Exception):
            side.execute("SELECT pg_advisory_unlock_all()")
        side.close()


@contextmanager
def _restoring_sqlite(force, say):
    fd, flag = _open(_lock_path()), None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not force:
                raise _refuse() from None
            flag = _open(_flag_path())
            fcntl.flock(flag, fcntl.LOCK_EX)
            say(_("Maintenance mode is on; waiting for requests under way to finish…"))
            time.sleep(grace())
        yield
    finally:
        if flag is not None:
            os.close(flag)  # releases the lock: the site serves again
        os.close(fd)
