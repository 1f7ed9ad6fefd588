from datetime import timedelta

import pytest
from django.utils import timezone

from linli.activities import actions
from linli.activities.models import Activity


@pytest.fixture
def make_activity(people, tree):
    def _make(capacity=2, days=2, **extra):
        start = timezone.now() + timedelta(days=days)
        return actions.activity_publish(
            neighborhood=tree.neighborhood,
            actor=people["staff"],
            title=extra.pop("title", "亲子手工"),
            place=extra.pop("place", "活动室"),
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            capacity=capacity,
            **extra,
        )

    return _make


def starting_now(activity, minutes_ago=10):
    start = timezone.now() - timedelta(minutes=minutes_ago)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )
    activity.refresh_from_db()
    return activity
