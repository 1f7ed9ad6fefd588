"""Health endpoints for the proxy and the supervisor, and a cache that survives Redis going away."""

import pytest
from django.core.cache import caches
from django.db import DatabaseError

from linli.core import views


@pytest.mark.django_db
def test_healthz_and_readyz_answer_when_all_is_well(client, django_assert_max_num_queries):
    assert client.get("/healthz").json() == {"status": "ok"}
    with django_assert_max_num_queries(1):
        answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json()["database"] == "ok" and answer.json()["storage"] == "ok"
    assert "Set-Cookie" not in answer.headers


@pytest.mark.django_db
def test_readyz_is_unavailable_when_the_database_does_not_answer(client, monkeypatch):
    def broken():
        raise DatabaseError("gone")

    monkeypatch.setattr(views.connection, "cursor", broken)
    answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["database"] == "down"


def test_a_stopped_redis_is_a_miss_not_an_error(settings):
    """Port 1 on the loopback answers nothing: every operation is a miss, nothing raises."""
    settings.CACHES = {
        **settings.CACHES,
        "dead": {
            "BACKEND": "linli.core.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    cache = caches["dead"]
    assert cache.get("k", "fallback") == "fallback"
    assert cache.add("k", 1) is False
    assert cache.set("k", 1) is None
    assert cache.incr("k") == 0
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("k") is False
    assert cache.available() is False


def test_a_running_redis_is_used_as_usual(settings):
    import socket

    with socket.socket() as probe:
        probe.settimeout(0.5)
        if probe.connect_ex(("127.0.0.1", 6379)):
            pytest.skip("Redis does not answer on 127.0.0.1:6379")
    settings.CACHES = {
        **settings.CACHES,
        "live": {
            "BACKEND": "linli.core.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/9",
            "KEY_PREFIX": "linli-health-test",
        },
    }
    cache = caches["live"]
    cache.delete("n")
    assert cache.add("n", 1) is True
    assert cache.incr("n") == 2
    assert cache.get("n") == 2
    assert cache.available() is True
    cache.delete("n")
