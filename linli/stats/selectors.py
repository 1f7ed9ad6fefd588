"""Levels beside names: one query for the standings of a page's authors, one for the titles."""

from dataclasses import dataclass

from django.utils import translation

from .actions import DEFAULT_LEVELS
from .models import LevelTitle, Standing


@dataclass(frozen=True)
class Level:
    level: int
    title: str
    points: int


def level_titles(neighborhood_id=None):
    rows = list(
        LevelTitle.objects.filter(neighborhood_id=neighborhood_id).values_list(
            "level", "min_points", "title", "title_en"
        )
    )
    if not rows and neighborhood_id is not None:
        rows = list(
            LevelTitle.objects.filter(neighborhood_id=None).values_list(
                "level", "min_points", "title", "title_en"
            )
        )
    return rows or DEFAULT_LEVELS


def level_for(points, titles) -> Level:
    english = translation.get_language() == "en"
    chosen = titles[0]
    for row in titles:
        if points >= row[1]:
            chosen = row
    return Level(
        level=chosen[0], title=(chosen[3] or chosen[2]) if english else chosen[2], points=points
    )


def levels_of(person_ids, neighborhood_id=None) -> dict:
    """{person id: Level} for a set of people (two queries, whatever their number)."""
    ids = {pid for pid in person_ids if pid}
    points = (
        dict(Standing.objects.filter(person_id__in=ids).values_list("person_id", "points"))
        if ids
        else {}
    )
    titles = level_titles(neighborhood_id)
    return {pid: level_for(points.get(pid, 0), titles) for pid in ids}
