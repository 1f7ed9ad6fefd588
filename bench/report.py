"""Pure pieces of the harness: percentiles, the row shape, targets, the table and the JSON file.

Nothing here needs Django, a database or a server (bench/test_bench_smoke.py tests it).
"""

import json
import math
import os
from pathlib import Path

# A page meets its targets when p95 ≤ 50 ms and it serves at least half the floor's requests/s.
TARGETS = {"p95_ms": 50.0, "floor_ratio": 0.5}

ROW_KEYS = ("page", "rps", "p50_ms", "p95_ms", "queries", "floor_ratio")


def percentile(values, p):
    """The p-th percentile (0–100) of values, interpolating linearly between the closest ranks."""
    if not values:
        return None
    if not 0 <= p <= 100:
        raise ValueError("p must be between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def rounded(value, digits=1):
    return None if value is None else round(float(value), digits)


def make_row(
    page,
    *,
    rps,
    p50_ms,
    p95_ms,
    queries,
    floor_rps,
    status=200,
    requests=0,
    errors=0,
    note="",
    uncached_ms=None,
    render_p95_ms=None,
):
    """One page's row: the keys latest.json promises (ROW_KEYS), then details and what it misses."""
    ratio = rps / floor_rps if (rps is not None and floor_rps) else None
    row = {
        "page": page.label,
        "rps": rounded(rps),
        "p50_ms": rounded(p50_ms, 2),
        "p95_ms": rounded(p95_ms, 2),
        "queries": queries,
        "floor_ratio": rounded(ratio, 2),
        "uncached_ms": rounded(uncached_ms, 2),
        "render_p50_ms": rounded(uncached_ms, 2),
        "render_p95_ms": rounded(render_p95_ms, 2),
        "path": page.path,
        "user": page.user,
        "status": status,
        "requests": requests,
        "errors": errors,
    }
    if page.targets:
        row["targets"] = {**TARGETS, **page.targets}
    if note:
        row["note"] = note
    row["misses"] = misses(row)
    return row


def with_floor(row, floor_rps):
    """The row with its floor ratio (computed once the floor is known) and its misses again."""
    ratio = row["rps"] / floor_rps if (row["rps"] is not None and floor_rps) else None
    row = {**row, "floor_ratio": rounded(ratio, 2)}
    row["misses"] = misses(row)
    return row


def floor_summary(path, *results):
    """The floor from one or more load results (each with rps, p50_ms, p95_ms, requests, errors): means of them."""
    results = [r for r in results if r is not None]
    mean = lambda values: sum(values) / len(values) if values else None  # noqa: E731
    return {
        "path": path,
        "rps": rounded(mean([r.rps for r in results])),
        "p50_ms": rounded(mean([r.p50_ms for r in results if r.p50_ms is not None]), 2),
        "p95_ms": rounded(mean([r.p95_ms for r in results if r.p95_ms is not None]), 2),
        "rps_each": [rounded(r.rps) for r in results],
        "requests": sum(r.requests for r in results),
        "errors": sum(r.errors for r in results),
    }


def misses(row, targets=None):
    """What a row misses: a list of short reasons, empty when it meets every target (the row's own, else TARGETS)."""
    targets = targets or row.get("targets") or TARGETS
    out = []
    if row.get("status") != 200 or row.get("rps") is None:
        out.append(f"status {row.get('status')}" if row.get("status") != 200 else "no measurement")
        return out
    if row.get("errors"):
        out.append(f"{row['errors']} errors")
    if row["p95_ms"] is not None and row["p95_ms"] > targets["p95_ms"]:
        out.append(f"p95 {row['p95_ms']:g} ms > {targets['p95_ms']:g}")
    if (
        row["floor_ratio"] is not None
        and targets["floor_ratio"] is not None
        and row["floor_ratio"] < targets["floor_ratio"]
    ):
        out.append(f"floor ratio {row['floor_ratio']:.2f} < {targets['floor_ratio']:g}")
    return out


def _fmt(value, spec):
    width = int(spec.split(".")[0] or 0)
    return f"{'—':>{width}}" if value is None else format(value, spec)


def format_table(rows, floor=None):
    """The table printed by `make bench`: the floor first (for reference), then one line per page."""
    width = max([len(r["page"]) for r in rows] + [len("page"), 17])
    pwidth = max([len(r["path"]) for r in rows] + [len("path"), len("/_floor")])
    head = f"{'page':<{width}}  {'path':<{pwidth}}  {'req/s':>8}  {'p50 ms':>7}  {'p95 ms':>7}  {'queries':>7}  {'÷floor':>6}  {'render':>6}  {'r.p95':>6}  targets"
    lines = [head, "-" * len(head)]
    if floor:
        lines.append(
            f"{'floor (reference)':<{width}}  {floor['path']:<{pwidth}}  {_fmt(floor['rps'], '8.1f')}  {_fmt(floor['p50_ms'], '7.2f')}  "
            f"{_fmt(floor['p95_ms'], '7.2f')}  {'':>7}  {'1.00':>6}  {'':>6}  {'':>6}"
        )
    for r in rows:
        verdict = "ok" if not r["misses"] else "MISS: " + "; ".join(r["misses"])
        queries = "—" if r["queries"] is None else str(r["queries"])
        if r.get("note"):
            verdict += f" ({r['note']})"
        lines.append(
            f"{r['page']:<{width}}  {r['path']:<{pwidth}}  {_fmt(r['rps'], '8.1f')}  {_fmt(r['p50_ms'], '7.2f')}  "
            f"{_fmt(r['p95_ms'], '7.2f')}  {queries:>7}  {_fmt(r['floor_ratio'], '6.2f')}  {_fmt(r.get('uncached_ms'), '6.1f')}  {_fmt(r.get('render_p95_ms'), '6.1f')}  {verdict}"
        )
    return "\n".join(lines)


def summary(rows, targets=TARGETS):
    """A few lines: how many pages meet the targets, and which miss and why."""
    missing = [r for r in rows if r["misses"]]
    lines = [
        f"Targets: p95 ≤ {targets['p95_ms']:g} ms and throughput ≥ {targets['floor_ratio']:g} × floor."
    ]
    for r in rows:
        own = r.get("targets")
        if own:
            ratio = (
                "no floor ratio"
                if own["floor_ratio"] is None
                else f"throughput ≥ {own['floor_ratio']:g} × floor"
            )
            lines.append(f"  ({r['page']}: its own, p95 ≤ {own['p95_ms']:g} ms and {ratio})")
    if not missing:
        lines.append(f"All {len(rows)} pages meet the targets.")
    else:
        lines.append(
            f"{len(rows) - len(missing)} of {len(rows)} pages meet the targets; {len(missing)} miss:"
        )
        lines += [f"  - {r['page']} ({r['path']}): {'; '.join(r['misses'])}" for r in missing]
    return "\n".join(lines)


def build_report(*, scale, database, rows, floor, **extra):
    """The document written to var/bench/latest.json."""
    return {
        "scale": scale,
        "database": database,
        "targets": dict(TARGETS),
        "floor": floor,
        "rows": rows,
        **extra,
    }


def write_report(path, report):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def parse_scale(value):
    """'demo' (the demo neighborhood) or a whole number ≥ 1 of neighborhoods (the demo plus N-1 generated)."""
    if value == "demo":
        return "demo"
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"scale must be 'demo' or a whole number ≥ 1, not {value!r}") from None
    if n < 1:
        raise ValueError(f"scale must be 'demo' or a whole number ≥ 1, not {value!r}")
    return n


def neighborhood_count(scale):
    """Neighborhoods in the street: the demo, plus generated ones up to 10 (a 20,000-household street)."""
    return 1 if scale == "demo" else min(scale, 10)


def content_scale(scale):
    """What each app's bench.generate(scale) is given: 1 for the demo, else the scale itself."""
    return 1 if scale == "demo" else scale


def mix_row(database, result, plan):
    """A row of the mixed scenario for latest.json."""
    return {
        "scenario": "mix",
        "page": f"mix ({database})",
        "database": database,
        "residents": plan["residents"],
        "distinct_pages": plan["distinct_pages"],
        **result,
    }


def format_mix(row):
    rates = ", ".join(
        f"{name} {'—' if v is None else f'{v:.0%}'}" for name, v in row["cache_hit_rates"].items()
    )
    return (
        f"Mixed scenario ({row['database']}): {row['residents']} signed-in residents, "
        f"{row['distinct_pages']} distinct pages, {row['write_share']:.1%} writes\n"
        f"  {row['rps']} req/s, p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, p99 {row['p99_ms']} ms, "
        f"{row['errors']} errors (reads {row['read_errors']}, writes {row['write_errors']} of {row['writes']}); "
        f"server CPU {row.get('server_cpu_ms_per_request')} ms per request\n"
        f"  page cache hit rate (as answered) {'—' if row['page_cache_hit_rate'] is None else format(row['page_cache_hit_rate'], '.0%')}; {rates}"
    )
