"""Deploy steps (migrate, collectstatic), safe when several nodes start at the same moment.

On PostgreSQL the steps run under a session-level advisory lock: the first node migrates, the
others wait, then find nothing left to do. On SQLite (one machine) a file lock under var/ does
the same for several processes.
"""

import contextlib
import fcntl

from django.conf import settings
from django.core.management import call_command
from django.db import connection

LOCK_KEY = 0x4C494E4C49  # "LINLI": the advisory lock every node takes for its deploy steps


@contextlib.contextmanager
def deploy_lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        return
    path = settings.VAR_DIR / "deploy.lock"
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def deploy_steps(*, verbosity=0):
    """Migrate and collect static files, once, whatever the number of nodes starting."""
    with deploy_lock():
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("collectstatic", interactive=False, verbosity=verbosity)
