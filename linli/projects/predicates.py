"""Object predicates of projects. A project's team is loaded once per project object."""

from typing import Any

import rules


def team_ids(project: Any) -> set[int]:
    cached = getattr(project, "_team_ids", None)
    if cached is None:
        from .models import TeamMember

        cached = set(
            TeamMember.objects.filter(project_id=project.pk).values_list("person_id", flat=True)
        )
        project._team_ids = cached
    return cached


def _project(obj: Any) -> Any:
    return getattr(obj, "project", obj)


@rules.predicate
def is_team_member(user: Any, obj: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or obj is None:
        return False
    return user.pk in team_ids(_project(obj))


@rules.predicate
def is_finished(user: Any, obj: Any) -> bool:
    return obj is not None and _project(obj).is_finished


@rules.predicate
def is_comment_author(user: Any, comment: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and comment is not None
        and comment.author_id == user.pk
    )
