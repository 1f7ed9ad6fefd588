"""Levels beside names: one query for the standings of a page's authors, one for the titles."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import translation

from .actions import DEFAULT_LEVELS
from .models import LevelTitle, Standing


@dataclass(frozen=True)
class Level:
    level: int
    title: str
    points: int


LevelRow = tuple[int, int, str, str]


def level_titles(neighborhood_id: int | None = None) -> list[LevelRow]:
    scope = (
        Q(neighborhood__isnull=True)
        if neighborhood_id is None
        else Q(neighborhood_id=neighborhood_id)
    )
    rows = list(
        LevelTitle.objects.filter(scope).values_list("level", "min_points", "title", "title_en")
    )
    if not rows and neighborhood_id is not None:
        rows = list(
            LevelTitle.objects.filter(neighborhood__isnull=True).values_list(
                "level", "min_points", "title", "title_en"
            )
        )
    return rows or DEFAULT_LEVELS


def level_for(points: int, titles: list[LevelRow]) -> Level:
    english = translation.get_language() == "en"
    chosen = titles[0]
    for row in titles:
        if points >= row[1]:
            chosen = row
    return Level(
        level=chosen[0], title=(chosen[3] or chosen[2]) if english else chosen[2], points=points
    )


def levels_of(
    person_ids: Iterable[int | None], neighborhood_id: int | None = None
) -> dict[int, Level]:
    """{person id: Level} for a set of people (two queries, whatever their number)."""
    ids = {pid for pid in person_ids if pid}
    points = (
        dict(Standing.objects.filter(person_id__in=ids).values_list("person_id", "points"))
        if ids
        else {}
    )
    titles = level_titles(neighborhood_id)
    return {pid: level_for(points.get(pid, 0), titles) for pid in ids}
