"""Pages for `make bench`: the guide search (with 5,000 items after generate) and the scoreboard;
report(): the search itself over 5,000 items, in this process (the issue's ≤ 10 ms p95)."""

import statistics
import time

from django.utils import timezone

PAGES = [
    dict(name="sorting.search", path="/sorting/n/binjiang/?q=kqsp", user="resident"),
    dict(name="sorting.search-en", path="/sorting/n/binjiang/?q=newpaper", user="emma"),
    dict(
        name="sorting.search-api",
        path="/api/v1/sorting/n/binjiang/search?q=%E7%94%B5%E6%B1%A0",
        user="resident",
    ),
    dict(name="sorting.scoreboard", path="/sorting/n/binjiang/scoreboard/", user="resident"),
]


def generate(scale: int, stdout):
    """Local items up to 5,000 in the demo neighborhood's guide (idempotent), for the search figure."""
    from linli.community.models import Neighborhood

    from . import guide
    from .models import Item

    neighborhood = Neighborhood.objects.filter(slug="binjiang").first()
    if neighborhood is None:
        return
    have = Item.objects.filter(status=Item.Status.PUBLISHED).count()
    wanted = max(0, 5000 - have)
    curated = guide.curated_rows()
    rows = []
    for n in range(wanted):
        r = curated[n % len(curated)]
        name = f"{r['name_zh']}（本地{n // len(curated) + 1}-{n}）"
        rows.append(
            Item(
                neighborhood=neighborhood,
                name_zh=name,
                name_en=f"{r['name_en']} {n}",
                synonyms=r["synonyms"],
                kind=r["kind"],
                preparation=r["preparation"],
                search_keys=guide.keys_for(r["name_zh"], r["synonyms"]),
                search_tokens=guide.tokens_for(r["name_zh"], r["synonyms"]),
            )
        )
    Item.objects.bulk_create(rows, batch_size=1000)
    guide.bump_version()
    stdout.write(f"sorting: {wanted} items added (guide now ≥ 5,000 at {timezone.now():%H:%M})\n")


QUERIES = [
    "电池",
    "battery",
    "kqsp",
    "newpaper",
    "用过的旧报纸",
    "奶茶杯",
    "dc",
    "外卖",
    "glas bottle",
    "纸",
    "p",
    "过期药",
    "塑料",
]


def bench_rows(n):
    """n guide rows built from the curated list (names numbered past its end), as Index takes them."""
    from . import guide

    base = guide.curated_rows()
    rows = []
    for i in range(n):
        r = base[i % len(base)]
        name = r["name_zh"] + (str(i) if i >= len(base) else "")
        rows.append(
            (
                i,
                name,
                r["name_en"],
                r["synonyms"],
                r["kind"],
                guide.keys_for(r["name_zh"], r["synonyms"]),
                guide.tokens_for(r["name_zh"], r["synonyms"]),
            )
        )
    return rows


def report(stdout):
    from . import guide

    index = guide.Index(bench_rows(5000))
    index.search("热身")
    timings = []
    for _ in range(20):
        for q in QUERIES:
            start = time.perf_counter()
            index.search(q)
            timings.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(timings, n=20)[-1]
    verdict = "meets" if p95 <= 10 else "MISSES"
    stdout.write(
        f"Guide search over 5,000 items, in this process: p95 {p95:.2f} ms over {len(timings)} searches — {verdict} the 10 ms target\n"
    )
