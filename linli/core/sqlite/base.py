"""Django's SQLite backend, plus WAL switched on once per file, safely under concurrency.

`PRAGMA journal_mode=WAL` needs an exclusive lock. When two processes open a new file together,
each reads the header under a shared lock and then asks for the exclusive one; SQLite sees the
deadlock and fails one of them at once with "database is locked", without waiting out the busy
time-out. The mode is a property of the file, so a connection only asks for it when the file is
not in WAL yet, and retries while another process holds the lock."""

import sqlite3
import time

from django.db.backends.sqlite3 import base

ATTEMPTS = 100  # × up to 0.1 s: ten seconds, like the busy time-out


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        conn = super().get_new_connection(conn_params)
        if self.settings_dict["NAME"] not in ("", ":memory:") and "mode=memory" not in str(
            self.settings_dict["NAME"]
        ):
            use_wal(conn)
        return conn


def use_wal(conn) -> None:
    for attempt in range(ATTEMPTS):
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == ATTEMPTS - 1:
                raise
            time.sleep(min(0.1, 0.005 * (attempt + 1)))
