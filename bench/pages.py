"""The pages the benchmark drives. Adding a page is one entry in PAGES.

`user` is a demo login from linli.community.demo.DEMO_LOGINS (signed in through a
session the harness creates), or None for an anonymous visitor. Labels must be
unique: they name the rows in the table and in var/bench/latest.json.
"""

from typing import NamedTuple


class Page(NamedTuple):
    path: str
    user: str | None
    label: str
    # A page's own targets when an issue names them (e.g. {"p95_ms": 100, "floor_ratio": None}:
    # a recount is never kept, so the floor ratio does not apply); None: the general ones.
    targets: dict | None = None


PAGES = [
    Page("/", "resident", "home (resident)"),
    Page("/staff/n/binjiang/households/", "staff", "household list (staff)"),
    Page("/api/v1/me", "resident", "api me (resident)"),
]

# The same stack returning a constant page: every page's throughput is given as a ratio to it.
FLOOR = Page("/_floor", None, "floor")
