"""Demo content for the joint office: categories with service levels, a year of requests
with realistic times to resolution, 12 past reception days with minutes and the next 12,
one cancelled and one moved. Deterministic and idempotent (a second run adds nothing)."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .categories import CATEGORIES, P, ensure_categories
from .load import load
from .reception import _reception
from .requests import TOTAL, _lognormal, make_requests, reporters_and_buildings

__all__ = [
    "CATEGORIES",
    "P",
    "TOTAL",
    "ensure_categories",
    "load",
    "make_requests",
    "reporters_and_buildings",
]
