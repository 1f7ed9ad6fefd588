from datetime import timedelta

import pytest
from django.utils import timezone

from linli.meetings import actions


@pytest.fixture
def make_meeting(people, tree):
    def _make(hours_from_now=48, title="三月三委联动会议", kind="joint", **extra):
        start = timezone.now() + timedelta(hours=hours_from_now)
        return actions.meeting_create(
            neighborhood=extra.pop("neighborhood", tree.neighborhood),
            actor=extra.pop("actor", people["staff"]),
            kind=kind,
            title=title,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="一米会客厅",
        )

    return _make


@pytest.fixture
def category(tree):
    from linli.office.models import Category, Party

    return Category.objects.create(
        neighborhood=tree.neighborhood,
        code="lights",
        name="公共照明",
        name_en="Public lighting",
        party=Party.PROPERTY_MANAGER,
        accept_hours=24,
        resolve_hours=72,
    )
