"""Every write to the sorting guide, drop-off points, collection days and checks."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .checks import RESULT_FIELD, _count, _leaders_of, check_delete, check_record, month_of
from .items import (
    SUGGESTIONS_PER_DAY,
    _clean_item_fields,
    curated_load,
    item_delete,
    item_save,
    item_suggest,
    suggestion_decide,
)
from .points import _clean_times, collection_day_save, point_save

__all__ = [
    "RESULT_FIELD",
    "SUGGESTIONS_PER_DAY",
    "check_delete",
    "check_record",
    "collection_day_save",
    "curated_load",
    "item_delete",
    "item_save",
    "item_suggest",
    "month_of",
    "point_save",
    "suggestion_decide",
]
