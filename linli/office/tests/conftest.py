from datetime import date, time

import pytest
from django.utils import timezone

from linli.office import actions
from linli.office.models import Category, Party


@pytest.fixture
def categories(tree):
    nb = tree.neighborhood
    return {
        "lift": Category.objects.create(
            neighborhood=nb,
            code="lift-repair",
            name="电梯故障",
            name_en="Lift out of order",
            party=Party.PROPERTY_MANAGER,
            accept_hours=2,
            resolve_hours=48,
        ),
        "noise": Category.objects.create(
            neighborhood=nb,
            code="noise",
            name="噪音扰民",
            name_en="Noise",
            party=Party.RESIDENTS_COMMITTEE,
            accept_hours=24,
            resolve_hours=72,
        ),
        "fund": Category.objects.create(
            neighborhood=nb,
            code="maintenance-fund",
            name="维修资金使用",
            name_en="Maintenance fund",
            party=Party.OWNERS_COMMITTEE,
            accept_hours=72,
            resolve_hours=720,
        ),
    }


@pytest.fixture
def submit(tree, categories, people):
    def _submit(
        who="resident", category="lift", description="电梯又停了，老人上下楼不方便。", **extra
    ):
        return actions.request_submit(
            reporter=people[who],
            neighborhood=tree.neighborhood,
            category=categories[category],
            description=description,
            **extra,
        )

    return _submit


@pytest.fixture
def room(tree):
    from linli.spaces.models import Space

    return Space.objects.create(
        neighborhood=tree.neighborhood,
        name="一米会客厅",
        area=25,
        capacity=12,
        opens_at=time(8),
        closes_at=time(21),
    )


@pytest.fixture
def reception(tree, people, room):
    """The second Saturday of every month, 9:00–11:30, in the living room, from this month."""
    today = timezone.localdate()
    return actions.reception_day_create(
        actor=people["secretary"],
        neighborhood=tree.neighborhood,
        months=6,
        title="书记会客日",
        space=room,
        weekday=5,
        week_of_month=2,
        start_time=time(9),
        end_time=time(11, 30),
        slot_minutes=15,
        starts_on=date(today.year, today.month, 1),
        attendees="王书记",
    )


@pytest.fixture
def next_day(reception):
    return reception.occurrences.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
