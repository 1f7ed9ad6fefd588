"""Prometheus metrics: every metric moves when it should, /metrics is only for the allowed
addresses, and several processes add up."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client.parser import text_string_to_metric_families

from linli.core import metrics
from linli.core.management.commands.serve import Command as Serve

LOCAL = {"REMOTE_ADDR": "127.0.0.1"}


def _value(name, **labels):
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


def _scraped(client, **extra):
    response = client.get("/metrics", **{**LOCAL, **extra})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def test_requests_are_counted_by_method_route_name_and_status(client, db):
    ok = dict(method="GET", route="healthz", status="200")
    refused = dict(method="POST", route="healthz", status="405")
    before, before_refused = (
        _value("linli_http_requests_total", **ok),
        _value("linli_http_requests_total", **refused),
    )
    client.get("/healthz")
    client.get("/healthz")
    client.post("/healthz")
    assert _value("linli_http_requests_total", **ok) == before + 2
    assert _value("linli_http_requests_total", **refused) == before_refused + 1


def test_a_path_no_route_matches_is_counted_without_its_path(client, db):
    labels = dict(method="GET", route="unresolved", status="404")
    before = _value("linli_http_requests_total", **labels)
    client.get("/no/such/page/12345/")
    assert _value("linli_http_requests_total", **labels) == before + 1
    names = {s.labels.get("route") for m in metrics.REGISTRY.collect() for s in m.samples}
    assert not any("12345" in (name or "") for name in names)


def test_odd_methods_are_counted_as_other(client, db):
    before = _value("linli_http_requests_total", method="other", route="healthz", status="405")
    client.generic("BREW", "/healthz")
    assert _value("linli_http_requests_total", method="other", route="healthz", status="405") == (
        before + 1
    )


def test_latency_is_a_histogram_by_route_name(client, db):
    count = _value("linli_http_request_duration_seconds_count", route="readyz")
    total = _value("linli_http_request_duration_seconds_sum", route="readyz")
    slowest = _value("linli_http_request_duration_seconds_bucket", route="readyz", le="+Inf")
    client.get("/readyz")
    assert _value("linli_http_request_duration_seconds_count", route="readyz") == count + 1
    assert _value("linli_http_request_duration_seconds_sum", route="readyz") > total
    assert (
        _value("linli_http_request_duration_seconds_bucket", route="readyz", le="+Inf")
        == slowest + 1
    )


def test_database_time_is_measured_per_request(client, db):
    """/readyz asks the database; /healthz does not: only the first adds database time."""
    ready = _value("linli_http_request_db_seconds_sum", route="readyz")
    alive = _value("linli_http_request_db_seconds_sum", route="healthz")
    alive_count = _value("linli_http_request_db_seconds_count", route="healthz")
    client.get("/readyz")
    client.get("/healthz")
    assert _value("linli_http_request_db_seconds_sum", route="readyz") > ready
    assert _value("linli_http_request_db_seconds_sum", route="healthz") == alive
    assert _value("linli_http_request_db_seconds_count", route="healthz") == alive_count + 1
    assert not connection.execute_wrappers or all(
        not isinstance(w, metrics._DatabaseTimer) for w in connection.execute_wrappers
    )  # the timer is gone once the request is answered


def test_page_cache_hits_and_misses_are_counted(client, tree):
    hits, misses = (_value("linli_page_cache_lookups_total", result=r) for r in ("hit", "miss"))
    client.get("/forum/n/nb/")  # may set the CSRF cookie: not kept
    client.get("/forum/n/nb/")  # kept
    again = client.get("/forum/n/nb/")
    assert again["X-Page-Cache"] == "hit"
    assert _value("linli_page_cache_lookups_total", result="miss") == misses + 2
    assert _value("linli_page_cache_lookups_total", result="hit") == hits + 1


def _task(**fields):
    return DBTaskResult.objects.create(
        task_path="linli.notify.tasks.send",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=fields.pop("run_after", get_date_max()),
        **fields,
    )


def test_the_task_queue_depth_is_read_when_scraped(client, db):
    assert _scraped(client)[("linli_task_queue_ready", (("queue", "default"),))] == 0
    _task()
    _task(run_after=timezone.now() - timedelta(minutes=1))
    _task(queue_name="mail")
    _task(run_after=timezone.now() + timedelta(hours=1))  # not yet due
    _task(status="RUNNING")
    _task(status="SUCCESSFUL")
    samples = _scraped(client)
    assert samples[("linli_task_queue_ready", (("queue", "default"),))] == 2
    assert samples[("linli_task_queue_ready", (("queue", "mail"),))] == 1


def test_a_scrape_costs_one_query_and_nothing_else_of_the_site(
    client, db, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/metrics", **LOCAL)
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    body = response.content.decode()
    for name in (
        "linli_http_requests_total",
        "linli_http_request_duration_seconds_bucket",
        "linli_http_request_db_seconds_bucket",
        "linli_page_cache_lookups_total",
        "linli_task_queue_ready",
    ):
        assert f"# HELP {name.removesuffix('_bucket')} " in body


@pytest.mark.parametrize(
    "extra",
    [
        {"REMOTE_ADDR": "203.0.113.5"},
        {"REMOTE_ADDR": "10.1.2.3"},
        # a proxy on this machine that LINLI_TRUSTED_PROXIES does not name: the client is unknown
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "203.0.113.5"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_FORWARDED": "for=203.0.113.5"},
    ],
)
def test_metrics_are_not_found_from_addresses_not_allowed(client, db, extra):
    assert client.get("/metrics", **extra).status_code == 404


def test_metrics_follow_the_allowed_networks_and_the_trusted_proxies(client, db, settings):
    settings.LINLI_METRICS_ALLOW = ["192.0.2.0/24"]
    settings.LINLI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.9").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    via_proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "192.0.2.7"}
    assert client.get("/metrics", **via_proxy).status_code == 200
    outside = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    assert client.get("/metrics", **outside).status_code == 404


_CHILD = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
django.setup()
from linli.core import metrics
for _ in range({n}):
    metrics.page_cache_lookup(True)
metrics.LATENCY.labels("home").observe(0.2)
"""


def test_several_processes_add_up_in_the_multiprocess_folder(client, db, tmp_path, monkeypatch):
    folder = tmp_path / "metrics"
    (folder).mkdir()
    (folder / "counter_999999.db").write_bytes(b"left by an earlier run")
    assert metrics.prepare_multiprocess_dir({}, tmp_path) == str(folder)
    assert list(folder.iterdir()) == []  # emptied at start
    env = {**os.environ, metrics.MULTIPROC_ENV: str(folder)}
    for n in (2, 3):
        subprocess.run([sys.executable, "-c", _CHILD.format(n=n)], env=env, check=True, timeout=120)
    monkeypatch.setenv(metrics.MULTIPROC_ENV, str(folder))
    samples = _scraped(client)
    assert samples[("linli_page_cache_lookups_total", (("result", "hit"),))] == 5
    assert samples[("linli_http_request_duration_seconds_count", (("route", "home"),))] == 2
    assert ("linli_task_queue_ready", (("queue", "default"),)) in samples


def test_serve_gives_gunicorn_the_folder_and_the_dead_worker_hook(tmp_path, monkeypatch, settings):
    started = []

    class Process:
        returncode = 0

        def __init__(self, cmd, env):
            started.append((cmd, env))

        def poll(self):
            return 0

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr("subprocess.Popen", Process)
    monkeypatch.setattr("linli.core.maintenance.hold_serving_lock", lambda: None)
    monkeypatch.setattr("signal.signal", lambda *a: None)
    monkeypatch.delenv(metrics.MULTIPROC_ENV, raising=False)
    monkeypatch.setenv("SECRET_KEY", "the same on every node")
    settings.VAR_DIR = tmp_path
    Serve().handle(host="127.0.0.1", port=0, workers=2, threads=1, no_worker=True, migrate=False)
    (cmd, env) = started[-1]
    assert "gunicorn" in cmd and "python:linli.core.gunicorn_hooks" in cmd
    assert env[metrics.MULTIPROC_ENV] == str(tmp_path / "metrics")
