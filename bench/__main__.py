"""python -m bench --scale demo|N --database sqlite|postgres://…  (what `make bench` runs)."""

import argparse
import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import load, report
from .database import ensure_postgres_database, parse_database
from .pages import FLOOR, PAGES
from .server import Server, free_port

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
LATEST = BENCH_VAR / "latest.json"
BUSY = 0.15  # above this share of CPU used by others while idle, the run is flagged as noisy


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--scale",
        default="demo",
        help="'demo' (the demo neighborhood) or N: the demo plus N-1 generated neighborhoods",
    )
    parser.add_argument(
        "--database",
        default="sqlite",
        help="'sqlite' (var/bench/sqlite/) or a PostgreSQL URL; created if missing",
    )
    parser.add_argument(
        "--seconds", type=int, default=3, help="measured seconds per run (default 3)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs per page on new connections; the best is kept (default 3)",
    )
    parser.add_argument(
        "--warmup", type=int, default=1, help="unmeasured seconds per page before it (default 1)"
    )
    parser.add_argument(
        "--connections", type=int, default=4, help="concurrent keep-alive connections (default 4)"
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers (default 2, as `linli serve`)"
    )
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per worker (default 4, as `linli serve`)"
    )
    parser.add_argument(
        "--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)"
    )
    parser.add_argument(
        "--tool",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator (default: wrk if installed)",
    )
    parser.add_argument(
        "--only", default="", help="only pages whose label or path contains this text"
    )
    parser.add_argument(
        "--mix-seconds",
        type=int,
        default=20,
        help="seconds of the mixed scenario (0: skip it; default 20)",
    )
    parser.add_argument(
        "--mix-people", type=int, default=300, help="signed-in residents in the mix (default 300)"
    )
    parser.add_argument(
        "--mix-connections", type=int, default=16, help="connections of the mix (default 16)"
    )
    parser.add_argument(
        "--reset", action="store_true", help="empty the bench database and load it again"
    )
    parser.add_argument(
        "--var",
        default="",
        help="data directory (default var/bench/<database>/), e.g. to keep two runs apart",
    )
    parser.add_argument(
        "--output",
        default=str(LATEST),
        help=f"where to write the JSON (default {LATEST.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    for name in ("seconds", "runs", "connections", "workers", "threads"):
        if not 1 <= getattr(args, name) <= 600:
            parser.error(f"--{name} must be between 1 and 600")
    if not 0 <= args.warmup <= 60:
        parser.error("--warmup must be between 0 and 60")
    try:
        args.scale = report.parse_scale(args.scale)
        args.db = parse_database(args.database)
    except ValueError as error:
        parser.error(str(error))
    return args


def configure_environment(db, var=""):
    """This process, `linli demo` and `linli serve` all see the bench data directory and database."""
    var = Path(var).resolve() if var else BENCH_VAR / db.dir_name
    var.mkdir(parents=True, exist_ok=True)
    os.environ["LINLI_VAR"] = str(var)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["LINLI_DEBUG"] = "0"
    for name in ("LINLI_SECURE", "LINLI_HTTPS", "LINLI_ACCESS_LOG", "LINLI_SQLITE_NO_PERSIST"):
        os.environ.pop(name, None)  # https redirects or an access log would distort the numbers
    if db.url:
        os.environ["DATABASE_URL"] = db.url
        # A shared database needs one SECRET_KEY for every process (`linli serve` insists).
        os.environ.setdefault("SECRET_KEY", "linli-bench-only-not-a-secret")
    else:
        os.environ.pop("DATABASE_URL", None)
    return var


def measure_writes(url, cases, args):
    """A warm-up and then `args.runs` runs of at least 5 s, each on new connections and on writers
    of its own (a first write is what is measured, not a replacement); the best run is kept, as
    for pages. Returns (result, whether a run ran out of writers: its further requests were
    refused, never written twice)."""
    share = max(1, len(cases) // (args.runs + 1))
    slices = [cases[i * share : (i + 1) * share] for i in range(args.runs + 1)]
    load.run_wrk_writes(url, slices[0], seconds=max(1, args.warmup), connections=16)
    results = [
        load.run_wrk_writes(url, part, seconds=max(5, args.seconds), connections=16)
        for part in slices[1:]
    ]
    best = max(results, key=lambda r: r.rps)
    return best, any(r.requests > share for r in results)


def git_commit():
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=5,
        )
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def _stop_on_sigterm(*_):
    raise KeyboardInterrupt


def measure(tool, url, cookie, args):
    """The best of `args.runs` runs, each on new connections.

    gunicorn's workers race to accept new connections, and one worker often takes all of a
    run's connections while the other idles: the same page then measures at half its speed
    (seen: the floor at 590 and 1,306 req/s in consecutive runs). Every page and the floor
    are measured the same way, so their ratio stays fair.
    """
    if args.warmup:
        load.run(tool, url, cookie=cookie, seconds=args.warmup, connections=args.connections)
    runs = [
        load.run(tool, url, cookie=cookie, seconds=args.seconds, connections=args.connections)
        for _ in range(args.runs)
    ]
    return max(runs, key=lambda r: r.rps)


def app_reports():
    """Each app's bench.report(stdout), if it has one (figures that are not pages, e.g. the spam check's precision)."""
    from linli.core.registry import app_modules

    for module in app_modules("bench"):
        if hasattr(module, "report"):
            print()
            try:
                module.report(sys.stdout)
            except Exception as error:
                print(f"  {module.__name__}.report failed: {error}")


def _load_tool(args):
    """wrk when it is installed (or asked for), else the slower Python client; None: give up."""
    if args.tool == "python" or load.find_wrk():
        return "python" if args.tool == "python" else "wrk"
    if args.tool == "wrk":
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return None
    print(
        "Note: wrk is not installed (apt-get install -y wrk); using the slower Python client, so numbers are lower."
    )
    return "python"


def _print_background_load():
    busy = load.cpu_busy(1.0)
    if busy is not None:
        warning = (
            ": the machine is busy, these numbers will be low and noisy" if busy > BUSY else ""
        )
        print(
            f"  other processes keep {busy:.0%} of the {os.cpu_count()} CPUs busy while the server idles"
            + warning
        )
    return busy


def _pages(args, data):
    """The pages --only asks for ([] for "mix", None when nothing matches)."""
    if args.only == "mix":
        return []
    pages = [
        p
        for p in PAGES + data.app_pages()
        if args.only.lower() in p.label.lower() or args.only in p.path
    ]
    if not pages and not any(args.only.lower() in n.lower() for n in data.app_write_names()):
        return None
    return pages


def _plan_mix(args, tool):
    """The mixed scenario's sessions, pages and writes (None: not asked, or wrk missing)."""
    if not args.mix_seconds or tool != "wrk" or (args.only and args.only != "mix"):
        return None
    from . import mix

    return mix.build(args.mix_people, args.mix_seconds)


def _run_mix(server, plan, args):
    """The mix first, on a fresh server: caches start empty, as after a deploy. A warm-up of a
    few seconds (reads only), then the measured run; the speed decision is removed after."""
    if plan is None:
        return []
    from . import mix

    print("  the mixed scenario …", end=" ", flush=True)
    pgid = server.process.pid if server.process else None
    mix.run(server.url, {**plan, "writes": []}, seconds=5, connections=args.mix_connections)
    result = mix.run(
        server.url, plan, seconds=args.mix_seconds, connections=args.mix_connections, pgid=pgid
    )
    print(f"{result['rps']:.0f} req/s", flush=True)
    mix.cleanup()
    return [report.mix_row(args.db.kind, result, plan)]


def _print_results(mix_rows, rows, floor, write_rows):
    for row in mix_rows:
        print(report.format_mix(row))
        print()
    print(report.format_table(rows, floor))
    print()
    print(report.summary(rows))
    for w in write_rows:
        target = (
            f"target ≥ {w['target_rps']}/s" if w["target_rps"] else "(no target on this database)"
        )
        print(
            f"  write {w['write']}: {w['rps']} writes/s, p50 {w['p50_ms']} ms, p95 {w['p95_ms']} ms, {w['errors']} errors {target} {'' if w['meets'] else 'MISS'}"
        )


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    tool = _load_tool(args)
    if tool is None:
        return 2
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    started = time.monotonic()
    var = configure_environment(args.db, args.var)
    server = None
    write_rows = []
    mix_rows = []
    try:
        print(
            f"Linli bench: scale {args.scale}, database {args.db.label}, data in {var.relative_to(ROOT) if var.is_relative_to(ROOT) else var}/"
        )
        if args.db.kind == "postgres" and ensure_postgres_database(args.db.url):
            print(f"  created the PostgreSQL database {args.db.dir_name.removeprefix('postgres-')}")
        from . import data

        data.setup()
        info = data.prepare(report.neighborhood_count(args.scale), reset=args.reset)
        print(
            f"  data: {info['neighborhoods']} neighborhood(s), {info['households']:,} households, {info['residents']:,} residents ({info['seconds']} s)"
        )
        info["apps"] = data.generate_apps(report.content_scale(args.scale))
        info.update(data.written_counts())  # counted after every generator ran
        print(
            f"  forum: {info['forum_topics']:,} topics and {info['forum_replies']:,} replies in the database"
        )
        data.analyze()
        pages = _pages(args, data)
        if pages is None:
            print(f"No page or write matches --only {args.only!r}.", file=sys.stderr)
            return 2
        cookies, counts = data.sessions_and_queries(pages)
        plan = _plan_mix(args, tool)

        server = Server(
            port=args.port or free_port(),
            workers=args.workers,
            threads=args.threads,
            log_path=var / "server.log",
        )
        t = time.monotonic()
        server.start()
        print(
            f"  linli serve on {server.url}: {args.workers} workers × {args.threads} threads, DEBUG off ({time.monotonic() - t:.1f} s to start)"
        )
        print(
            f"  load: {tool}, {args.connections} connections, {args.warmup} s warm-up + best of {args.runs} runs of {args.seconds} s per page"
        )
        busy = _print_background_load()
        print()
        mix_rows = _run_mix(server, plan, args)
        # A new server imports lazily (URLs, the jieba dictionary) in each worker: visit every page
        # a few times and load the floor unmeasured first, so that the floor is not measured cold.
        for page in pages:
            for _ in range(args.workers * 2):
                load.fetch(server.url + page.path, cookies.get(page.user))
        load.run(
            tool,
            server.url + FLOOR.path,
            cookie=None,
            seconds=max(2, args.warmup),
            connections=args.connections,
        )
        # The floor is measured before and after the pages; their mean is what each page is divided by.
        print("  measuring the floor …", end=" ", flush=True)
        before = measure(tool, server.url + FLOOR.path, None, args)
        print(f"{before.rps:.0f} req/s", flush=True)
        rows = []
        for page in pages:
            cookie = cookies.get(page.user)
            status, queries, uncached_ms, render_p95_ms = counts[page.label]
            live_status, _ = load.fetch(server.url + page.path, cookie)
            if live_status != 200:
                note = f"the server answered {live_status}: not measured (see {var / 'server.log'})"
                rows.append(
                    report.make_row(
                        page,
                        rps=None,
                        p50_ms=None,
                        p95_ms=None,
                        queries=queries,
                        floor_rps=None,
                        status=live_status,
                        note=note,
                        uncached_ms=uncached_ms,
                        render_p95_ms=render_p95_ms,
                    )
                )
                continue
            note = "" if status == 200 else f"the test client got {status}: queries not counted"
            print(f"  measuring {page.label} …", end=" ", flush=True)
            result = measure(tool, server.url + page.path, cookie, args)
            print(f"{result.rps:.0f} req/s", flush=True)
            rows.append(
                report.make_row(
                    page,
                    rps=result.rps,
                    p50_ms=result.p50_ms,
                    p95_ms=result.p95_ms,
                    queries=queries if status == 200 else None,
                    floor_rps=None,
                    requests=result.requests,
                    errors=result.errors,
                    note=note,
                    uncached_ms=uncached_ms,
                    render_p95_ms=render_p95_ms,
                )
            )
        print("  measuring the floor again …", end=" ", flush=True)
        after = measure(tool, server.url + FLOOR.path, None, args)
        print(f"{after.rps:.0f} req/s", flush=True)
        floor = report.floor_summary(FLOOR.path, before, after)
        rows = [report.with_floor(row, floor["rps"]) for row in rows]
        # Writes last: they change the data. 16 connections, as the decisions figure asks.
        write_rows = []
        for name, target, cases, cleanup in data.app_writes() if tool == "wrk" else []:
            if args.only and args.only.lower() not in name.lower():
                continue
            print(f"  measuring {name} ({len(cases)} voters/writers) …", end=" ", flush=True)
            result, reused = measure_writes(server.url, cases, args)
            print(
                f"{result.rps:.0f} writes/s"
                + (" (some writers wrote twice: too few for this speed)" if reused else ""),
                flush=True,
            )
            if cleanup:
                cleanup()
            write_rows.append(
                {
                    "write": name,
                    "rps": report.rounded(result.rps),
                    "p50_ms": report.rounded(result.p50_ms, 2),
                    "p95_ms": report.rounded(result.p95_ms, 2),
                    "requests": result.requests,
                    "errors": result.errors,
                    "target_rps": target,
                    "writers_reused": reused,
                    "meets": bool(target is None or result.rps >= target) and not result.errors,
                }
            )
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except Exception as error:
        print(f"\nbench failed: {error}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.stop()
            print("  server stopped\n")

    _print_results(mix_rows, rows, floor, write_rows)
    app_reports()
    document = report.build_report(
        scale=args.scale,
        database=args.db.label,
        rows=mix_rows + rows,
        floor=floor,
        data=info,
        background_cpu=None if busy is None else round(busy, 2),
        load={
            "tool": tool,
            "connections": args.connections,
            "seconds": args.seconds,
            "runs": args.runs,
            "warmup": args.warmup,
        },
        server={"workers": args.workers, "threads": args.threads, "debug": False},
        commit=git_commit(),
        cpus=os.cpu_count(),
        finished_at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    )
    document["writes"] = write_rows
    path = report.write_report(args.output, document)
    shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
    print(
        f"Wrote {shown} ({time.monotonic() - started:.0f} s in all). This is a measurement: the exit status is 0 either way."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
