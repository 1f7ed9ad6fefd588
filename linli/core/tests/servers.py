"""Real server processes on one database, for what must hold across processes.

`sqlite_copy(path)` writes the test database (schema and committed rows) to a file that
other processes can open; `Servers` starts Django's development server in separate
processes (`runserver --noreload --nothreading`, so each is one process with its own
memory, like two gunicorn workers) on that database; `Browser` keeps cookies and sends
the CSRF token like a browser with JavaScript off.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sqlite_copy(path: Path) -> None:
    """The test database (its committed state) into the file `path`."""
    import sqlite3

    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def shared_database_url(tmp_path: Path) -> str:
    """A URL other processes can open for the test database with its committed rows: a
    copy of it on SQLite (it lives in memory), the test database itself on PostgreSQL."""
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    sqlite_copy(tmp_path / "linli.sqlite3")
    return f"sqlite:///{tmp_path / 'linli.sqlite3'}"


def count_rows(database_url: str, table: str) -> int:
    """Rows in `table` as the servers see it (the SQLite copy, or the test database)."""
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def server_env(var: Path, database_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PYTEST_XDIST_WORKER"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        LINLI_VAR=str(var),
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


class Servers:
    """Server processes on the same database, one per environment in `envs` (the same var/
    directory: processes of one machine; different ones with one SECRET_KEY: two machines)."""

    def __init__(self, *envs: dict):
        self.envs = envs
        self.ports = [free_port() for _ in envs]
        self.processes = []
        self.logs = []

    def __enter__(self):
        for port, env in zip(self.ports, self.envs, strict=True):
            log = open(Path(env["LINLI_VAR"]) / f"server-{port}.log", "wb")
            self.logs.append(log)
            self.processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "linli",
                        "runserver",
                        "--noreload",
                        "--nothreading",
                        "--skip-checks",
                        f"127.0.0.1:{port}",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=log,
                )
            )
        deadline = time.monotonic() + 120
        for port, env, process in zip(self.ports, self.envs, self.processes, strict=True):
            while True:
                if process.poll() is not None:
                    raise RuntimeError(log_of(env, port)[-3000:])
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the server on port {port} did not start")
                time.sleep(0.2)
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()


def log_of(env, port) -> str:
    return (Path(env["LINLI_VAR"]) / f"server-{port}.log").read_text(errors="replace")


class Browser:
    """Cookies and the CSRF token, kept across requests to any of the servers."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port, method, path, *, form=None, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.setdefault("Host", "127.0.0.1")
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if method != "GET" and "csrftoken" in self.cookies:
            headers.setdefault("X-CSRFToken", self.cookies["csrftoken"])
            headers.setdefault("Referer", f"http://127.0.0.1:{port}/")
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        conn.close()
        return response.status, data

    def log_in(self, port, username, password):
        status, page = self.request(port, "GET", "/accounts/login/")
        assert status == 200, status
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        status, _ = self.request(
            port,
            "POST",
            "/accounts/login/",
            form={"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        assert status == 302, status
        assert "sessionid" in self.cookies
