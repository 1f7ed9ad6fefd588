"""Every write to projects. Each checks its permission itself (check, then execute)."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .projects import (
    POINTS_COMPLETED,
    _fill,
    _point,
    photo_add,
    project_create,
    project_stage_change,
    project_update,
    rating_set,
    site_plan_upload,
)
from .team import POINTS_TEAM, team_member_add, team_member_remove
from .versions import POINTS_VERSION, _clean_link, comment_add, link_add, version_create

__all__ = [
    "POINTS_COMPLETED",
    "POINTS_TEAM",
    "POINTS_VERSION",
    "comment_add",
    "link_add",
    "photo_add",
    "project_create",
    "project_stage_change",
    "project_update",
    "rating_set",
    "site_plan_upload",
    "team_member_add",
    "team_member_remove",
    "version_create",
]
