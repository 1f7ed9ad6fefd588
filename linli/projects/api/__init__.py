"""/api/v1/projects/: projects with their timeline, team, versions and links; comments, ratings, stage, team, links."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .common import PREFIX, _clean, _link, _load, _version, router
from .projects import (
    _project,
    project_detail,
    project_list,
    rate,
    stage_change,
    team_add,
    team_remove,
)
from .schemas import (
    CommentIn,
    CommentOut,
    FileOut,
    LinkIn,
    LinkOut,
    MemberOut,
    ProjectDetailOut,
    ProjectOut,
    RatingIn,
    RatingOut,
    StageChangeOut,
    StageIn,
    TeamIn,
    VersionOut,
)
from .versions import comment_add, comment_list, link_add, version_create, version_detail

__all__ = [
    "CommentIn",
    "CommentOut",
    "FileOut",
    "LinkIn",
    "LinkOut",
    "MemberOut",
    "PREFIX",
    "ProjectDetailOut",
    "ProjectOut",
    "RatingIn",
    "RatingOut",
    "StageChangeOut",
    "StageIn",
    "TeamIn",
    "VersionOut",
    "comment_add",
    "comment_list",
    "link_add",
    "project_detail",
    "project_list",
    "rate",
    "router",
    "stage_change",
    "team_add",
    "team_remove",
    "version_create",
    "version_detail",
]
