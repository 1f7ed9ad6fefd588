"""One person pressing "I am here" on two phones at once (PostgreSQL, real threads): one
attendance, and the count right."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from linli.community.models import Role
from linli.community.testing import grant, make_person, make_tree
from linli.core.testing import race
from linli.meetings import actions
from linli.meetings.models import Attendance, Meeting

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def test_signing_in_twice_at_once_counts_once_and_others_all_count():
    tree = make_tree("meetrace", buildings=1, per_building=8)
    staff = grant(
        make_person("meetstaff", tree.buildings[0].homes[0]),
        Role.Kind.COMMITTEE_STAFF,
        neighborhood=tree.neighborhood,
    )
    start = timezone.now() - timedelta(minutes=5)
    m = actions.meeting_create(
        neighborhood=tree.neighborhood,
        actor=staff,
        kind="council",
        title="议事会",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="会客厅",
    )
    people = [make_person(f"meetrace{i}", tree.buildings[0].homes[i]) for i in range(8)]
    # Each person twice: 16 presses, 8 sign-ins.
    results = race(16, lambda i: actions.attendance_sign_in(meeting=m, person=people[i % 8]))
    made = [r for r in results if isinstance(r, Attendance)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 8 and len(refused) == 8, results
    assert Meeting.objects.get(pk=m.pk).attendee_count == 8
