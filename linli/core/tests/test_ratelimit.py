"""Rate limits count in the cache, so every process sees the same count: on Redis at scale."""

import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from linli.core import ratelimit


def redis_answers():
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", 6379)) == 0


def test_counts_within_a_window_and_tells_when_exceeded():
    for n in range(1, 4):
        assert ratelimit.hit("post", "alice", window=60) == n
    assert ratelimit.exceeded("post", "alice", limit=3, window=60)
    assert not ratelimit.exceeded("post", "bob", limit=3, window=60)


REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        "KEY_PREFIX": "linli-test",
    }
}


@pytest.mark.skipif(not redis_answers(), reason="Redis does not answer on 127.0.0.1:6379")
@override_settings(CACHES=REDIS)
def test_two_processes_share_one_count_through_redis():
    import subprocess
    import sys

    caches["default"].clear()
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.base'; os.environ['REDIS_URL']='redis://127.0.0.1:6379/15';"
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
