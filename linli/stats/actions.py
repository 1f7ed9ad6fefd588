"""Points for participation. Other apps call points_award / points_revoke from their actions.

Reasons in use (amounts are the caller's): forum.topic, forum.reply, forum.best_answer,
forum.support_received, consult.answer, projects.work, volunteers.hours.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .models import LevelTitle, PointsEntry, Standing

DEFAULT_LEVELS = [
    (1, 0, "新邻居", "Newcomer"),
    (2, 30, "好邻居", "Good neighbour"),
    (3, 150, "热心邻居", "Helpful neighbour"),
    (4, 500, "社区达人", "Community regular"),
    (5, 1200, "社区能人", "Community talent"),
    (6, 3000, "邻里之星", "Neighborhood star"),
]


def points_award(
    *, person: Any, reason: str, amount: int, key: str, neighborhood: Any = None
) -> bool:
    """Award points once per key. Returns False if this key was already awarded."""
    person_id = getattr(person, "pk", person)
    try:
        with transaction.atomic():
            PointsEntry.objects.create(
                person_id=person_id,
                reason=reason,
                amount=amount,
                key=key,
                neighborhood_id=getattr(neighborhood, "pk", neighborhood),
            )
            Standing.objects.get_or_create(person_id=person_id)
            Standing.objects.filter(person_id=person_id).update(points=F("points") + amount)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def points_revoke(*, key: str) -> bool:
    entry = PointsEntry.objects.select_for_update().filter(key=key).first()
    if entry is None:
        return False
    Standing.objects.filter(person_id=entry.person_id).update(points=F("points") - entry.amount)
    entry.delete()
    return True


@transaction.atomic
def levels_set(*, neighborhood: Any, actor: Any, levels: list[tuple[int, str, str]]) -> None:
    """levels: [(min_points, title, title_en)] from level 1 up; min_points must rise, level 1 starts at 0."""
    if not actor.has_perm("stats.configure_levels", neighborhood):
        raise PermissionDenied(_("Only committee staff may change the level titles."))
    if not levels or levels[0][0] != 0:
        raise ValidationError(_("Level 1 starts at 0 points."))
    if any(b[0] <= a[0] for a, b in zip(levels, levels[1:], strict=False)):
        raise ValidationError(_("Each level needs more points than the one before."))
    if any(not title.strip() for _p, title, _e in levels):
        raise ValidationError(_("Every level needs a title."))
    LevelTitle.objects.filter(neighborhood=neighborhood).delete()
    LevelTitle.objects.bulk_create(
        [
            LevelTitle(
                neighborhood=neighborhood,
                level=i,
                min_points=p,
                title=t.strip()[:20],
                title_en=e.strip()[:30],
            )
            for i, (p, t, e) in enumerate(levels, start=1)
        ]
    )
