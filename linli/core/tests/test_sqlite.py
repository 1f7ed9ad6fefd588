"""Linli's SQLite backend: processes opening a new database file together all get in, and the
file ends in WAL."""

import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings

OPEN = """
import sys, django
django.setup()
from django.db import connections
from linli.core.sqlite.base import DatabaseWrapper
print("ready", flush=True)
sys.stdin.readline()
wrapper = DatabaseWrapper({**connections.settings["default"], "NAME": sys.argv[1]}, "default")
with wrapper.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS t (n integer)")
    cursor.execute("INSERT INTO t VALUES (1)")
print("done", flush=True)
"""


def test_eight_processes_opening_a_new_file_together_all_get_in_and_it_is_in_wal(tmp_path):
    path = tmp_path / "new.sqlite3"
    env = {
        "PYTHONPATH": str(settings.BASE_DIR),
        "LINLI_VAR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
    }
    running = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN, str(path)],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    try:
        for process in running:
            assert process.stdout.readline().strip() == "ready", process.stderr.read()[-2000:]
        for process in running:
            process.stdin.write("go\n")
            process.stdin.flush()
        out = [process.communicate(timeout=60) for process in running]
    finally:
        for process in running:
            if process.poll() is None:
                process.kill()
    assert [p.returncode for p in running] == [0] * 8, [err[-2000:] for _, err in out]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 8


def test_the_settings_use_linli_s_backend_on_sqlite():
    engine = settings.DATABASES["default"]["ENGINE"]
    if "sqlite" not in engine:
        pytest.skip("the PostgreSQL run")
    assert engine == "linli.core.sqlite"
    assert "journal_mode" not in settings.DATABASES["default"]["OPTIONS"]["init_command"]
