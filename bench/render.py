"""Uncached render time of the main pages, in this process, page cache off.

    .venv/bin/python -m bench.render                    # p50/p95 of 40 renders per main page
    .venv/bin/python -m bench.render --renders 100 --only forum
    .venv/bin/python -m bench.render --profile "home"   # cProfile of that page's renders

What a request costs when the page cache cannot answer (the first visit, or right after a
write to what the page shows): Django's test client through the whole middleware stack,
with the bench's data (`var/bench/<db>/`, as `make bench` leaves it). Medians and 95th
percentiles of many renders, so that a shared machine's noise shows as spread rather than
as a different figure. `make bench` reports the same for every page (`render_p50_ms`,
`render_p95_ms`).
"""

import argparse
import cProfile
import io
import pstats
import sys
import time

from . import report
from .__main__ import configure_environment
from .database import parse_database

# The pages the issue names: (label, path or callable, user). Callables run once Django is set up.
TARGET_P50_MS, TARGET_P95_MS = 5.0, 10.0


def _topic_with(replies):
    from linli.forum.models import Topic

    topic = (
        Topic.objects.filter(
            neighborhood__slug="binjiang",
            visibility="public",
            hidden=False,
            reply_count__gte=replies,
        )
        .order_by("reply_count", "pk")
        .first()
    )
    return topic.get_absolute_url() if topic else None


def _forum_page(n):
    """The forum list's n-th page (its cursor: the last topic of the page before)."""
    from urllib.parse import quote

    from linli.forum.models import Topic

    rows = list(
        Topic.objects.filter(neighborhood__slug="binjiang", visibility="public", hidden=False)
        .order_by("-last_activity_at", "-id")
        .values_list("pk", "last_activity_at")[: 20 * (n - 1)]
    )
    if len(rows) < 20 * (n - 1):
        return None
    pk, when = rows[-1]
    return f"/forum/n/binjiang/?after={quote(f'{when.isoformat()}_{pk}')}"


def _app_page(name):
    from linli.core.registry import app_modules

    for module in app_modules("bench"):
        for entry in getattr(module, "PAGES", []):
            if entry["name"] == name:
                path = entry["path"]
                return path() if callable(path) else path
    return None


def main_pages():
    """[(label, path, user)] of the main pages, at this database's data."""
    pages = [
        ("home", "/", "resident"),
        ("forum list", "/forum/n/binjiang/", "resident"),
        ("forum list page 3", _forum_page(3), "resident"),
        ("topic with 200 replies", _topic_with(200), "resident"),
        ("decision", _app_page("decide.detail"), "resident"),
        ("consultation participation", _app_page("consult.participation_10k"), "street"),
        ("office list (resident)", "/office/n/binjiang/requests/", "resident"),
        ("office list (open)", "/office/n/binjiang/requests/?status=open", "property"),
        ("talent search", "/talent/n/binjiang/", "staff"),
        ("project with versions", _app_page("projects.detail"), "resident"),
        ("guide search", "/sorting/n/binjiang/?q=kqsp", "resident"),
    ]
    return [p for p in pages if p[1]]


def renders(client, path, n):
    """n renders of path: (CPU ms of this thread, wall ms) each.

    CPU time is what a render costs whoever else uses the machine (on a 2-core machine with a
    load of 10, wall time is several times longer and mostly waiting for a core); on SQLite it
    includes running the SQL, on PostgreSQL the server's part is not in it."""
    cpu, wall = [], []
    for _ in range(n):
        c, t = time.thread_time(), time.perf_counter()
        client.get(path)
        cpu.append((time.thread_time() - c) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
    return cpu, wall


def measure(pages, n=40, profile=None, out=print):
    """{label: {p50_ms, p95_ms, queries, status}}; with profile (a label's text), print its cProfile."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    from .data import _client

    results, clients = {}, {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for label, path, user in pages:
            if user not in clients:
                clients[user] = _client(user)
            client = clients[user]
            for _ in range(3):  # warm: imports, templates, the guide's index
                response = client.get(path)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            row = {
                "path": path,
                "user": user,
                "status": response.status_code,
                "queries": len(captured.captured_queries),
            }
            if response.status_code == 200:
                if profile and profile.lower() in label.lower():
                    profiler = cProfile.Profile()
                    profiler.enable()
                    renders(client, path, n)
                    profiler.disable()
                    text = io.StringIO()
                    stats = pstats.Stats(profiler, stream=text)
                    stats.sort_stats("cumulative").print_stats(45)
                    stats.sort_stats("tottime").print_stats(30)
                    out(f"--- profile of {label} ({n} renders) ---\n{text.getvalue()}")
                cpu, wall = renders(client, path, n)
                row["p50_ms"] = report.rounded(report.percentile(cpu, 50), 2)
                row["p95_ms"] = report.rounded(report.percentile(cpu, 95), 2)
                row["wall_p50_ms"] = report.rounded(report.percentile(wall, 50), 2)
                row["meets"] = row["p50_ms"] <= TARGET_P50_MS and row["p95_ms"] <= TARGET_P95_MS
            results[label] = row
    return results


def format_results(results):
    width = max(len(label) for label in results)
    lines = [
        f"{'page (uncached, CPU in-process)':<{width}}  {'p50 ms':>7}  {'p95 ms':>7}  {'queries':>7}  {'wall p50':>8}"
    ]
    for label, r in results.items():
        lines.append(
            f"{label:<{width}}  {report._fmt(r.get('p50_ms'), '7.2f')}  {report._fmt(r.get('p95_ms'), '7.2f')}  "
            f"{r['queries']:>7}  {report._fmt(r.get('wall_p50_ms'), '8.2f')}  {'' if r.get('meets') else 'MISS' if r['status'] == 200 else r['status']}"
        )
    lines.append(f"Targets: p50 ≤ {TARGET_P50_MS:g} ms and p95 ≤ {TARGET_P95_MS:g} ms per page.")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.render", description=__doc__)
    parser.add_argument("--database", default="sqlite")
    parser.add_argument("--renders", type=int, default=40)
    parser.add_argument("--only", default="")
    parser.add_argument(
        "--profile", default="", help="print cProfile for pages whose label has this"
    )
    parser.add_argument("--json", default="", help="also write the results here")
    args = parser.parse_args(argv)
    configure_environment(parse_database(args.database))
    from . import data

    data.setup()
    pages = [p for p in main_pages() if args.only.lower() in p[0].lower()]
    results = measure(pages, args.renders, profile=args.profile)
    print(format_results(results))
    if args.json:
        report.write_report(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
