"""The harness's pure pieces, without a server or a database: percentiles, rows, the report, wrk's output."""

import json

import pytest

from bench import report
from bench.database import parse_database
from bench.load import parse_wrk
from bench.pages import FLOOR, PAGES, Page


def test_percentile_interpolates_between_ranks():
    assert report.percentile([], 50) is None
    assert report.percentile([7], 95) == 7
    assert report.percentile([4, 1, 3, 2], 50) == 2.5
    assert report.percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert report.percentile([1, 2, 3], 0) == 1 and report.percentile([1, 2, 3], 100) == 3
    with pytest.raises(ValueError):
        report.percentile([1], 101)


def test_pages_are_unique_and_name_demo_logins():
    from linli.community.demo import DEMO_LOGINS

    logins = {username for username, *_ in DEMO_LOGINS}
    assert len({p.label for p in PAGES}) == len(PAGES)
    assert all(p.path.startswith("/") and (p.user is None or p.user in logins) for p in PAGES)
    assert FLOOR.path == "/_floor"


def test_row_shape_and_targets():
    page = Page("/x/", "resident", "x (resident)")
    fast = report.make_row(
        page, rps=900, p50_ms=3.21, p95_ms=9.876, queries=4, floor_rps=1000, requests=4500
    )
    assert list(fast)[:6] == list(report.ROW_KEYS)
    assert fast["floor_ratio"] == 0.9 and fast["p95_ms"] == 9.88 and fast["misses"] == []
    slow = report.make_row(page, rps=100, p50_ms=40, p95_ms=80, queries=30, floor_rps=1000)
    assert len(slow["misses"]) == 2
    broken = report.make_row(
        page, rps=None, p50_ms=None, p95_ms=None, queries=3, floor_rps=1000, status=302
    )
    assert broken["misses"] == ["status 302"] and broken["floor_ratio"] is None

    document = report.build_report(
        scale="demo",
        database="sqlite",
        rows=[fast, slow, broken],
        floor={"path": "/_floor", "rps": 1000, "p50_ms": 1, "p95_ms": 2},
    )
    assert {"scale", "database", "rows"} <= set(json.loads(json.dumps(document)))
    table = report.format_table([fast, slow, broken], document["floor"])
    assert "floor (reference)" in table and table.count("MISS") == 2
    assert "1 of 3 pages meet the targets" in report.summary([fast, slow, broken])


def test_write_report(tmp_path):
    path = report.write_report(
        tmp_path / "b" / "latest.json", {"scale": 2, "database": "sqlite", "rows": []}
    )
    assert json.loads(path.read_text())["scale"] == 2


def test_scale_and_database_arguments():
    assert report.parse_scale("demo") == "demo" and report.parse_scale("3") == 3
    assert report.neighborhood_count("demo") == 1 and report.neighborhood_count(3) == 3
    for bad in ("0", "-1", "big"):
        with pytest.raises(ValueError):
            report.parse_scale(bad)
    assert parse_database("sqlite").dir_name == "sqlite"
    pg = parse_database("postgres://postgres:secret@127.0.0.1:5432/bench")
    assert pg.kind == "postgres" and pg.dir_name == "postgres-bench" and "secret" not in pg.label
    with pytest.raises(ValueError):
        parse_database("mysql://x/y")


def test_parse_wrk_output():
    out = (
        'Running 5s test\nBENCH {"requests":1000,"duration_us":5000000,"p50_us":2500,"p95_us":9000,"p99_us":12000,"max_us":20000,'
        '"errors_connect":0,"errors_read":0,"errors_write":0,"errors_status":3,"errors_timeout":0}\n'
    )
    result = parse_wrk(out)
    assert result.rps == 200 and result.p50_ms == 2.5 and result.p95_ms == 9 and result.errors == 3


def test_floor_is_the_mean_of_its_runs_and_sets_the_ratio():
    from bench.load import Result

    floor = report.floor_summary(
        "/_floor", Result(1000, 5, 200.0, 1.0, 2.0, 0), Result(1500, 5, 300.0, 3.0, 4.0, 1)
    )
    assert (
        floor["rps"] == 250
        and floor["p95_ms"] == 3
        and floor["rps_each"] == [200, 300]
        and floor["errors"] == 1
    )
    row = report.make_row(
        Page("/", None, "home"), rps=100, p50_ms=5, p95_ms=9, queries=2, floor_rps=None
    )
    assert row["floor_ratio"] is None
    row = report.with_floor(row, floor["rps"])
    assert row["floor_ratio"] == 0.4 and row["misses"] == ["floor ratio 0.40 < 0.5"]


def test_write_load_gives_each_wrk_thread_writers_of_its_own():
    """No writer writes twice, however many requests the machine manages: each wrk thread
    takes its own share of the cases, and once it has spent it sends a refused token instead
    of starting over (a first ballot is measured, not a replacement). Few cases on purpose, so
    that every thread runs out, whatever the machine's speed. Needs wrk (`make bench`)."""
    import http.server
    import threading
    from collections import Counter

    from bench.load import find_wrk, run_wrk_writes

    if not find_wrk():
        pytest.skip("wrk is not installed (make bench installs it)")
    seen = Counter()
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            token = self.headers["Authorization"]
            with lock:
                seen[token] += 1
            self.send_response(401 if token == "Bearer spent" else 201)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        cases = [("/w", "{}", f"writer{i}") for i in range(40)]
        result = run_wrk_writes(
            f"http://127.0.0.1:{server.server_address[1]}",
            cases,
            seconds=2,
            connections=8,
            threads=2,
        )
    finally:
        server.shutdown()
    spent = seen.pop("Bearer spent", 0)
    assert seen and max(seen.values()) == 1  # no writer twice
    assert set(seen) <= {f"Bearer writer{i}" for i in range(40)}
    if result.requests > len(cases):  # the threads ran out of writers: refused, not rewritten
        assert spent > 0 and result.errors > 0


def test_a_page_may_carry_its_own_targets():
    page = Page(
        "/decide/1/results/?recount=1", "street", "tally", {"p95_ms": 100, "floor_ratio": None}
    )
    row = report.with_floor(
        report.make_row(page, rps=30, p50_ms=60, p95_ms=90, queries=10, floor_rps=None), 1500
    )
    assert row["misses"] == []  # 90 ms is within its 100; no floor ratio applies
    slow = report.with_floor(
        report.make_row(page, rps=30, p50_ms=60, p95_ms=120, queries=10, floor_rps=None), 1500
    )
    assert slow["misses"] == ["p95 120 ms > 100"]
    plain = report.with_floor(
        report.make_row(
            Page("/x", None, "x"), rps=30, p50_ms=60, p95_ms=90, queries=1, floor_rps=None
        ),
        1500,
    )
    assert plain["misses"] == ["p95 90 ms > 50", "floor ratio 0.02 < 0.5"]
    assert "tally: its own, p95 ≤ 100 ms and no floor ratio" in report.summary([row, plain])


def test_mix_rows_are_marked_and_summarised():
    result = {
        "rps": 120.5,
        "p50_ms": 30.1,
        "p95_ms": 80.2,
        "p99_ms": 120.0,
        "requests": 3600,
        "server_cpu_ms_per_request": 9.5,
        "errors": 0,
        "read_errors": 0,
        "writes": 110,
        "write_errors": 0,
        "write_share": 0.031,
        "page_cache_hit_rate": 0.12,
        "cache_hit_rates": {"pages (server)": 0.12, "fragments (server)": None},
    }
    row = report.mix_row("sqlite", result, {"residents": 300, "distinct_pages": 230})
    assert row["scenario"] == "mix" and row["residents"] == 300 and row["rps"] == 120.5
    text = report.format_mix(row)
    assert "300 signed-in residents" in text and "p99 120.0 ms" in text and "12%" in text
    assert "fragments (server) —" in text


def test_mix_script_is_valid_lua_shape():
    from bench import mix

    script = mix.MIX_LUA % {
        "people": '"a=1"',
        "reads": '"/"',
        "writes": "",
        "write_share": 0.03,
        "threads": 2,
    }
    assert "request = function()" in script and 'thread:set("offset"' in script
    assert (
        abs(sum(mix.READ_MIX.values()) - 1) < 1e-9 and abs(sum(mix.WRITE_MIX.values()) - 1) < 1e-9
    )
