from datetime import timedelta

import pytest
from django.utils import timezone

from linli.volunteers import actions


@pytest.fixture
def make_shift(people, tree):
    def _make(places=3, days=2, **extra):
        start = timezone.now() + timedelta(days=days)
        return actions.shift_publish(
            neighborhood=tree.neighborhood,
            actor=people["staff"],
            title=extra.pop("title", "垃圾分类值守"),
            place="北门厢房",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            places=places,
            **extra,
        )

    return _make


def move_to_past(shift, hours_ago=3):
    from linli.volunteers.models import Shift

    start = timezone.now() - timedelta(hours=hours_ago)
    Shift.objects.filter(pk=shift.pk).update(starts_at=start, ends_at=start + timedelta(hours=2))
    shift.refresh_from_db()
    return shift
