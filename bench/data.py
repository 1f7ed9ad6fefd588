"""Data at a scale, sessions for the demo logins, and SQL query counts, all in this process through Django.

The caller sets LINLI_VAR / DATABASE_URL / DJANGO_SETTINGS_MODULE in os.environ before
calling setup(), so this process, `linli demo` and `linli serve` share one database.

Scale "demo" (or 1) is the demo neighborhood as `linli demo --no-serve` loads it. Scale N
adds neighborhoods bench-2 … bench-N beside it, in the same street, each shaped like the
demo (two compounds, ~1,950 households, ~5,000 residents), generated here with the demo's
patterns (seeded, bulk inserts).
"""

import random
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from .report import percentile

ROOT = Path(__file__).resolve().parent.parent
BENCH_SLUG = re.compile(r"^bench-(\d+)$")

NAMES = [
    ("临江", "Linjiang"),
    ("春华", "Chunhua"),
    ("海棠", "Haitang"),
    ("梧桐", "Wutong"),
    ("明月", "Mingyue"),
    ("翠竹", "Cuizhu"),
    ("银杏", "Yinxing"),
    ("金桥", "Jinqiao"),
    ("兰亭", "Lanting"),
    ("枫林", "Fenglin"),
]


def setup():
    import django

    django.setup()


def prepare(scale_neighborhoods, *, reset=False, out=print):
    """Bring the database to the scale: migrate, (flush if asked or if it holds more), demo, generated neighborhoods."""
    from django.core.management import call_command
    from django.db import connections

    from linli.community.models import Household, Neighborhood, Resident

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    call_command(
        "collectstatic", interactive=False, verbosity=0
    )  # the manifest templates need, DEBUG off
    extra = [
        int(m.group(1))
        for slug in Neighborhood.objects.filter(slug__startswith="bench-").values_list(
            "slug", flat=True
        )
        if (m := BENCH_SLUG.match(slug))
    ]
    too_many = [k for k in extra if k > scale_neighborhoods]
    if reset or too_many:
        why = (
            "--reset"
            if reset
            else f"it holds {len(extra) + 1} neighborhoods, the scale asks for {scale_neighborhoods}"
        )
        out(f"Emptying the bench database ({why})…")
        _empty_database()
        call_command(
            "migrate", interactive=False, verbosity=0
        )  # again: the rows migrations add (e.g. counting rules) too
    connections.close_all()

    t = time.monotonic()
    demo = subprocess.run(
        [sys.executable, "-m", "linli", "demo", "--no-serve"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if demo.returncode:
        raise RuntimeError(
            f"`linli demo --no-serve` failed ({demo.returncode}):\n{demo.stdout[-3000:]}\n{demo.stderr[-3000:]}"
        )
    out(f"  demo neighborhood ready ({time.monotonic() - t:.1f} s)")

    for k in range(2, scale_neighborhoods + 1):
        if not Neighborhood.objects.filter(slug=f"bench-{k}").exists():
            t = time.monotonic()
            households, residents = add_neighborhood(k)
            out(
                f"  generated bench-{k}: {households:,} households, {residents:,} residents ({time.monotonic() - t:.1f} s)"
            )
    info = {
        "neighborhoods": Neighborhood.objects.count(),
        "households": Household.objects.count(),
        "residents": Resident.objects.count(),
        **written_counts(),
        "seconds": round(time.monotonic() - started, 1),
    }
    connections.close_all()
    return info


def written_counts():
    """What the database holds, counted (not what a generator announced)."""
    from linli.forum.models import Reply, Topic

    return {"forum_topics": Topic.objects.count(), "forum_replies": Reply.objects.count()}


def add_neighborhood(k):
    """Neighborhood bench-<k>: the demo's shape and patterns, its own seed, in the demo's street."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from linli.community import demo
    from linli.community.actions import counters_refresh
    from linli.community.models import Building, Compound, Household, Neighborhood, Resident, Role

    rng = random.Random(2026 * 1000 + k)
    name, name_en = NAMES[(k - 2) % len(NAMES)]
    if k - 2 >= len(NAMES):
        name, name_en = f"{name}{k}", f"{name_en} {k}"
    with transaction.atomic():
        street = Neighborhood.objects.select_related("street").get(slug=demo.SLUG).street
        neighborhood = Neighborhood.objects.create(
            street=street,
            name=f"{name}居民区",
            name_en=f"{name_en} Neighborhood",
            slug=f"bench-{k}",
        )
        towers = Compound.objects.create(
            neighborhood=neighborhood,
            name=f"{name}花园",
            name_en=f"{name_en} Gardens",
            address=f"{name}路 {100 + k} 弄",
        )
        blocks = Compound.objects.create(
            neighborhood=neighborhood,
            name=f"{name}新村",
            name_en=f"{name_en} Village",
            address=f"{name}路 {200 + k} 弄",
        )
        Building.objects.bulk_create(
            [
                Building(
                    compound=towers, neighborhood=neighborhood, number=str(n), sort_key=n, floors=22
                )
                for n in range(1, 21)
            ]
            + [
                Building(
                    compound=blocks, neighborhood=neighborhood, number=str(n), sort_key=n, floors=6
                )
                for n in range(1, 9)
            ]
        )
        households = []
        for building in Building.objects.filter(neighborhood=neighborhood).order_by(
            "compound_id", "sort_key"
        ):
            if building.compound_id == towers.pk:
                rooms = [
                    ("", f"{floor}{flat:02d}") for floor in range(1, 23) for flat in range(1, 5)
                ]
                sizes, owner = [68, 75, 89, 92, 108, 118, 125, 138, 142, 156, 168], 0.72
            else:
                rooms = [
                    (str(unit), f"{floor}0{flat}")
                    for unit in (1, 2)
                    for floor in range(1, 7)
                    for flat in (1, 2)
                ]
                sizes, owner = list(range(60, 96)), 0.8
            for unit, room in rooms:
                area = Decimal(rng.choice(sizes)) + Decimal(rng.randrange(0, 100)) / 100
                households.append(
                    Household(
                        building=building,
                        neighborhood=neighborhood,
                        unit=unit,
                        room=room,
                        area=area,
                        owner_occupied=rng.random() < owner,
                    )
                )
        Household.objects.bulk_create(households, batch_size=2000)

        now, unusable, people, n = timezone.now(), make_password(None), [], 0
        for household in Household.objects.filter(neighborhood=neighborhood).order_by(
            "building_id", "unit", "room"
        ):
            if rng.random() < 0.08:  # no one signed up yet
                continue
            size = rng.choices([1, 2, 3, 4, 5], weights=[12, 30, 30, 20, 8])[0]
            foreign = rng.random() < 0.03
            for _ in range(size):
                n += 1
                if foreign:
                    first, last = rng.choice(demo.FOREIGN)
                    real, display, language = f"{first} {last}", first, "en"
                else:
                    real = demo._chinese_name(rng)
                    display, language = (
                        rng.choice(["", real[0] + rng.choice("老师阿姨叔叔姐哥"), "", real[1:]]),
                        "zh-hans",
                    )
                people.append(
                    Resident(
                        username=f"b{k}r{n:05d}",
                        password=unusable,
                        display_name=display,
                        real_name=real,
                        phone=demo._phone(rng),
                        household=household,
                        verified_at=now,
                        language=language,
                        date_joined=now,
                    )
                )
        Resident.objects.bulk_create(people, batch_size=2000)

        first_of_building = {}
        for building_id, person_id in (
            Resident.objects.filter(household__neighborhood=neighborhood)
            .order_by("household__building_id", "id")
            .values_list("household__building_id", "id")
        ):
            first_of_building.setdefault(building_id, person_id)
        Role.objects.bulk_create(
            [
                Role(
                    person_id=p,
                    kind=Role.Kind.BUILDING_LEADER,
                    neighborhood=neighborhood,
                    building_id=b,
                )
                for b, p in first_of_building.items()
            ]
        )
        counters_refresh(neighborhood=neighborhood)
    return len(households), len(people)


def _client(username):
    from django.test import Client

    from linli.community.models import Resident

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    if username:
        client.force_login(
            Resident.objects.get(username=username),
            backend="django.contrib.auth.backends.ModelBackend",
        )
    return client


def sessions_and_queries(pages, renders=20):
    """Sign each page's demo login in (a session in the database) and count each page's SQL queries.

    Returns ({username: Cookie header}, {label: (status, queries, render p50 ms, render p95 ms)}). The Cookie header
    carries what a browser would send after its first visit: the session and the CSRF cookie.
    Queries are counted with the page cache off (what rendering the page costs), after one
    request to warm other caches; uncached_ms is the median of `renders` renders in this
    process with the page cache off — what a request costs when a write has just emptied it —
    in CPU time of this thread (on a shared machine wall time is mostly waiting for a core;
    on PostgreSQL the server's part is not in it).
    """
    from django.db import connection, connections
    from django.test.utils import CaptureQueriesContext, override_settings

    clients, cookies, counts = {}, {}, {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for page in pages:
            if page.user not in clients:
                clients[page.user] = _client(page.user)
            client = clients[page.user]
            client.get(page.path)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.path)
            queries = len(captured.captured_queries)
            cpu = []
            for _ in range(renders if response.status_code == 200 else 0):
                t = time.thread_time()
                client.get(page.path)
                cpu.append((time.thread_time() - t) * 1000)
            counts[page.label] = (
                response.status_code,
                queries,
                percentile(cpu, 50) if cpu else None,
                percentile(cpu, 95) if cpu else None,
            )
    for user, client in clients.items():
        cookies[user] = (
            "; ".join(
                f"{name}={morsel.value}" for name, morsel in client.cookies.items() if morsel.value
            )
            or None
        )
    connections.close_all()
    return cookies, counts


def generate_apps(scale, out=print):
    """Each app's bench.generate(scale, stdout) for the data its figures need (idempotent)."""
    from django.db import connections

    from linli.core.registry import app_modules

    done = {}
    for module in app_modules("bench"):
        if hasattr(module, "generate") and scale > 1:
            t = time.monotonic()
            written = module.generate(scale, stdout=_Out(out))
            seconds = round(time.monotonic() - t, 1)
            done[module.__name__] = {"seconds": seconds, **(written or {})}
            out(f"  {module.__name__}: generated for scale {scale} ({seconds} s)")
    connections.close_all()
    return done


class _Out:
    def __init__(self, out):
        self.out = out

    def write(self, text):
        self.out("    " + text.rstrip())


def app_pages():
    """Pages that apps declare in their bench.py: PAGES = [dict(name, path or callable, user)]."""
    from django.db import connections

    from linli.core.registry import app_modules

    from .pages import Page

    pages = []
    for module in app_modules("bench"):
        for entry in getattr(module, "PAGES", []):
            path = entry["path"]() if callable(entry["path"]) else entry["path"]
            if path:
                pages.append(Page(path, entry.get("user"), entry["name"], entry.get("targets")))
    connections.close_all()
    return pages


def analyze():
    """Refresh the planner's statistics and the visibility map after bulk loads, as autovacuum
    would in time on a real database: otherwise PostgreSQL plans for tables as they were before
    the load. (SQLite: ANALYZE.)"""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    connection.close()


def _empty_database():
    """Drop everything (`flush` would keep the tables but lose the rows data migrations added)."""
    from pathlib import Path

    from django.db import connection

    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        connection.close()
        for path in (name, name.with_name(name.name + "-wal"), name.with_name(name.name + "-shm")):
            path.unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        connection.close()


def _tokens_for(usernames):
    """{username: a new read-and-write API token} (one statement for all of them)."""
    import secrets

    from linli.api.actions import TOKEN_PREFIX, hash_token
    from linli.api.models import ApiToken
    from linli.community.models import Resident

    people = dict(
        Resident.objects.filter(username__in=set(usernames)).values_list("username", "pk")
    )
    tokens = {u: TOKEN_PREFIX + secrets.token_urlsafe(32) for u in people}
    ApiToken.objects.bulk_create(
        [
            ApiToken(
                person_id=people[u],
                name="bench",
                prefix=t[len(TOKEN_PREFIX) :][:8],
                token_hash=hash_token(t),
                scope="write",
            )
            for u, t in tokens.items()
        ],
        batch_size=2000,
    )
    return tokens


def app_write_names():
    from linli.core.registry import app_modules

    return [
        entry["name"] for module in app_modules("bench") for entry in getattr(module, "WRITES", [])
    ]


def app_writes(out=print):
    """Writes that apps declare in bench.py: WRITES = [dict(name, cases=callable, target_rps=N, cleanup=callable)]
    (and `target_database="postgres"` when the figure is only asked of one database: elsewhere the
    target is reported, not judged).

    `cases()` returns [(path, body dict, username)]: each username gets a read-and-write API
    token (made in one statement; earlier runs' bench tokens are removed), so the load needs
    no session or CSRF token. Returns [(name, target_rps, [(path, json, token)], cleanup or None)];
    target_rps is None where the target does not apply to this database.
    """
    import json

    from django.db import connections

    from linli.api.models import ApiToken
    from linli.core.registry import app_modules

    ApiToken.objects.filter(name="bench").delete()
    writes = []
    for module in app_modules("bench"):
        for entry in getattr(module, "WRITES", []):
            cases = entry["cases"]()
            if not cases:
                out(f"  {entry['name']}: nothing to write at this scale, skipped")
                continue
            tokens = _tokens_for({u for _, _, u in cases})
            applies = entry.get("target_database") in (
                None,
                connections["default"].vendor.replace("postgresql", "postgres"),
            )
            writes.append(
                (
                    entry["name"],
                    entry.get("target_rps") if applies else None,
                    [(path, json.dumps(body), tokens[u]) for path, body, u in cases if u in tokens],
                    entry.get("cleanup"),
                )
            )
    connections.close_all()
    return writes
