"""The read-replica router: reads to the replica, writes and reads-after-write to the primary."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from linli.community.models import Neighborhood
from linli.core import dbrouter

router = dbrouter.ReplicaRouter()


def _in_request(method="GET", *, cookie=False, body=lambda: None):
    """Run `body` inside the middleware as one request; → (the response, what body returned)."""
    seen = {}

    def view(request):
        seen["value"] = body()
        return HttpResponse("ok")

    request = getattr(RequestFactory(), method.lower())("/")
    if cookie:
        request.COOKIES[dbrouter.COOKIE] = "1"
    response = dbrouter.ReplicaPinMiddleware(view)(request)
    return response, seen["value"]


def test_reads_outside_a_request_go_to_the_primary():
    assert router.db_for_read(Neighborhood) == "default"


def test_reads_of_a_get_request_go_to_the_replica_and_set_no_cookie():
    response, db = _in_request(body=lambda: router.db_for_read(Neighborhood))
    assert db == "replica"
    assert dbrouter.COOKIE not in response.cookies


def test_after_a_write_the_rest_of_the_request_reads_the_primary_and_the_writer_is_pinned():
    def body():
        before = router.db_for_read(Neighborhood)
        assert router.db_for_write(Neighborhood) == "default"
        return before, router.db_for_read(Neighborhood)

    response, (before, after) = _in_request(body=body)
    assert (before, after) == ("replica", "default")
    pin = response.cookies[dbrouter.COOKIE]
    assert pin["max-age"] == dbrouter.pin_seconds() and pin["httponly"]


def test_a_post_reads_the_primary_from_its_start_even_if_it_writes_in_raw_sql():
    response, db = _in_request("POST", body=lambda: router.db_for_read(Neighborhood))
    assert db == "default"
    assert dbrouter.COOKIE in response.cookies


def test_the_writers_next_requests_read_the_primary_while_the_cookie_lasts():
    _response, db = _in_request(cookie=True, body=lambda: router.db_for_read(Neighborhood))
    assert db == "default"


def test_the_request_state_does_not_leak_into_the_next_request():
    _in_request(body=lambda: router.db_for_write(Neighborhood))
    _response, db = _in_request(body=lambda: router.db_for_read(Neighborhood))
    assert db == "replica"
    assert router.db_for_read(Neighborhood) == "default"  # and outside any request


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_on_the_primary_stay_on_the_primary():
    def body():
        with transaction.atomic():
            return router.db_for_read(Neighborhood)

    assert _in_request(body=body)[1] == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "forum")
    assert not router.allow_migrate("replica", "forum")


PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(*args, **kwargs):
    """Run a PostgreSQL binary; as the postgres user when we are root (pg_ctl refuses root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, *map(str, args)], check=True, capture_output=True, timeout=120, **kwargs
    )


@pytest.fixture
def streaming_pair():
    """A primary and its streaming replica (pg_basebackup -R) in a temporary directory the
    postgres user can enter (pytest's own is private to root), on free ports."""
    if not (PG_BIN / "pg_ctl").exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip("PostgreSQL 15 binaries are not installed here")
    base = Path(tempfile.mkdtemp(prefix="linli-replica-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    ports = [_free_port(), _free_port()]
    primary, replica = base / "primary", base / "replica"
    started = []
    try:
        _as_postgres(PG_BIN / "initdb", "-D", primary, "-U", "postgres", "--auth=trust", "-N")
        with open(primary / "postgresql.conf", "a") as conf:
            conf.write(
                f"port={ports[0]}\nlisten_addresses='127.0.0.1'\n"
                f"unix_socket_directories='{base}'\nfsync=off\n"
            )
        _as_postgres(PG_BIN / "pg_ctl", "-D", primary, "-l", base / "primary.log", "-w", "start")
        started.append(primary)
        _as_postgres(
            PG_BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", ports[0], "-U", "postgres",
            "-D", replica, "-R", "-X", "stream",
        )  # fmt: skip
        with open(replica / "postgresql.conf", "a") as conf:
            conf.write(f"port={ports[1]}\n")
        _as_postgres(PG_BIN / "pg_ctl", "-D", replica, "-l", base / "replica.log", "-w", "start")
        started.append(replica)
        yield ports
    finally:
        for data in reversed(started):
            _as_postgres(PG_BIN / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.postgres
def test_a_get_reads_from_a_real_streaming_replica_and_a_post_from_the_primary(
    streaming_pair, django_db_blocker
):
    """Not a django_db test: it touches only its own two servers, not the test database."""
    with django_db_blocker.unblock():
        _reads_through_the_router(streaming_pair)


def _reads_through_the_router(streaming_pair):
    from django.db import connections
    from django.test import override_settings

    aliases = {"repl_primary": streaming_pair[0], "repl_replica": streaming_pair[1]}
    configured = connections.configure_settings(
        {
            "default": connections.settings["default"],
            **{
                alias: {
                    "ENGINE": "django.db.backends.postgresql",
                    "NAME": "postgres",
                    "USER": "postgres",
                    "HOST": "127.0.0.1",
                    "PORT": port,
                }
                for alias, port in aliases.items()
            },
        }
    )
    for alias in aliases:
        connections.settings[alias] = configured[alias]
    try:
        with connections["repl_primary"].cursor() as cursor:
            cursor.execute(
                "CREATE TABLE linli_scale_probe (x int); INSERT INTO linli_scale_probe VALUES (1)"
            )
        deadline = time.monotonic() + 30
        with connections["repl_replica"].cursor() as cursor:
            while True:  # wait for the replica to replay the primary's write
                cursor.execute("SELECT to_regclass('linli_scale_probe') IS NOT NULL")
                if cursor.fetchone()[0] or time.monotonic() > deadline:
                    break
                time.sleep(0.1)

        routed = dbrouter.ReplicaRouter(replica="repl_replica", primary="repl_primary")

        def read():
            rows = Neighborhood.objects.raw(
                "SELECT 1 AS id, pg_is_in_recovery() AS standby, "
                "(SELECT count(*) FROM linli_scale_probe) AS probes"
            )
            row = list(rows)[0]
            return rows.db, row.standby, row.probes

        with override_settings(DATABASE_ROUTERS=[routed]):
            assert _in_request(body=read)[1] == ("repl_replica", True, 1)
            assert _in_request("POST", body=read)[1] == ("repl_primary", False, 1)
    finally:
        for alias in aliases:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]
