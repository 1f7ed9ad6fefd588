"""Rate limits hold across processes and machines whatever the cache: in Redis when there
is Redis, otherwise (or while Redis does not answer) in the database."""

import os
import socket
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.test import override_settings

from linli.core import ratelimit

TEST_REDIS = os.environ.get("LINLI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_answers():
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", 6379)) == 0


def test_counts_within_a_window_and_tells_when_exceeded(db):
    for n in range(1, 4):
        assert ratelimit.hit("post", "alice", window=60) == n
    assert ratelimit.exceeded("post", "alice", limit=3, window=60)
    assert not ratelimit.exceeded("post", "bob", limit=3, window=60)


def test_a_count_stands_when_the_callers_transaction_is_rolled_back(db):
    class WrongCode(Exception):
        pass

    for _ in range(2):
        with pytest.raises(WrongCode), transaction.atomic():
            ratelimit.hit("invite", "10.0.0.7", window=3600)
            raise WrongCode
    assert ratelimit.hits("invite", "10.0.0.7", window=3600) == 2


def test_the_local_memory_cache_is_never_where_limits_count(db):
    ratelimit.hit("post", "carol", window=60)
    caches["default"].clear()
    assert ratelimit.hits("post", "carol", window=60) == 1


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_while_redis_does_not_answer_limits_count_in_the_database(db):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    with override_settings(CACHES=unreachable):
        assert [ratelimit.hit("post", "dave", window=60) for _ in range(3)] == [1, 2, 3]
        assert ratelimit.exceeded("post", "dave", limit=3, window=60)


HAMMER = """
import sys, django
django.setup()
from linli.core import ratelimit
scope, limit, tries = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()
print(sum(ratelimit.hit(scope, "one-account", window=3600) <= limit for _ in range(tries)), flush=True)
"""


def allowed_by_processes(env, scope, *, processes=3, tries=15, limit=20) -> list[int]:
    """`processes` processes each try `tries` events at once against one limit; how many each let through."""
    running = [
        subprocess.Popen(
            [sys.executable, "-c", HAMMER, scope, str(limit), str(tries)],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    try:
        for process in running:
            line = process.stdout.readline()
            assert line.strip() == "ready", process.stderr.read()[-3000:]
        for process in running:  # all start counting together
            process.stdin.write("go\n")
            process.stdin.flush()
        out = [process.communicate(timeout=120) for process in running]
    finally:
        for process in running:
            if process.poll() is None:
                process.kill()
    assert all(p.returncode == 0 for p in running), [err[-3000:] for _, err in out]
    return [int(stdout.split()[-1]) for stdout, _ in out]


def process_env(var, database_url, **extra):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PYTEST_XDIST_WORKER"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        LINLI_VAR=str(var),
        DATABASE_URL=database_url,
        PYTHONPATH=str(settings.BASE_DIR),
        **extra,
    )
    return env


def test_three_processes_without_redis_let_exactly_the_limit_through_on_sqlite(tmp_path):
    env = process_env(tmp_path, f"sqlite:///{tmp_path / 'linli.sqlite3'}")
    allowed = allowed_by_processes(env, "forum.topic")
    assert sum(allowed) == 20, allowed


@pytest.mark.postgres
def test_three_processes_without_redis_let_exactly_the_limit_through_on_postgresql(db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("set DATABASE_URL=postgres://… to run it on PostgreSQL")
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    scope = f"forum.topic.{uuid.uuid4().hex[:8]}"
    allowed = allowed_by_processes(process_env(tmp_path, url), scope)
    assert sum(allowed) == 20, allowed
    assert ratelimit.hits(scope, "one-account", window=3600) == 45


REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": TEST_REDIS,
        "KEY_PREFIX": "linli-test",
    }
}


@pytest.mark.skipif(not redis_answers(), reason="Redis does not answer on 127.0.0.1:6379")
@override_settings(CACHES=REDIS, REDIS_URL=TEST_REDIS)
def test_two_processes_share_one_count_through_redis():
    caches["default"].clear()
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.base'; "
        f"os.environ['REDIS_URL']='{TEST_REDIS}';"
        "django.setup(); from django.conf import settings; settings.CACHES['default']['KEY_PREFIX']='linli-test';"
        "from linli.core import ratelimit; print(ratelimit.hit('login', '10.0.0.9', window=3600))"
    )
    counts = [
        int(
            subprocess.run(
                [sys.executable, "-c", script],
                capture_output=True,
                text=True,
                check=True,
                timeout=60,
            ).stdout.split()[-1]
        )
        for _ in range(3)
    ]
    assert counts == [1, 2, 3]
    assert ratelimit.exceeded("login", "10.0.0.9", limit=3, window=3600)
    caches["default"].clear()


def test_login_throttling_counts_failures_in_the_database():
    # django-axes' database handler keeps failures in the shared database, not in a process's memory.
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
