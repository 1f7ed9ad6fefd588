from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from linli.spaces.models import Space


@pytest.fixture
def room(tree):
    return Space.objects.create(
        neighborhood=tree.neighborhood,
        name="一米会客厅",
        name_en="Living room",
        area=25,
        capacity=12,
        opens_at=time(8),
        closes_at=time(21),
        max_minutes=180,
        max_open_per_household=3,
    )


@pytest.fixture
def at():
    """at(days, hour, minute=0) → an aware local datetime `days` from today."""
    tz = timezone.get_current_timezone()

    def _at(days, hour, minute=0):
        return timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=days), time(hour, minute)), tz
        )

    return _at
