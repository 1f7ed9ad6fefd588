"""`linli demo` tells one consistent story: what the pages say about the same thing agrees,
dates follow one another, and every demo login can still try what its role offers."""

import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from linli.activities.demo import mid_autumn_day

pytestmark = pytest.mark.demo


@pytest.mark.parametrize(
    "today,party",
    [
        (date(2026, 12, 5), date(2026, 9, 20)),
        (date(2026, 8, 20), date(2026, 9, 20)),
        (date(2026, 3, 1), date(2025, 9, 20)),
        (date(2026, 9, 25), date(2026, 9, 20)),
    ],
)
def test_the_mid_autumn_party_is_in_late_september_near_the_demo_date(today, party):
    assert mid_autumn_day(today) == party


@pytest.mark.django_db
def test_the_demo_tells_one_story():
    from linli.activities.models import Activity
    from linli.community.models import Resident
    from linli.consult.models import Consultation
    from linli.core.demo import load_all
    from linli.decide.models import Decision
    from linli.forum.models import Reply, Topic
    from linli.projects.models import DesignVersion, Project
    from linli.spaces.models import Booking, Space
    from linli.stats.selectors import levels_of

    load_all(io.StringIO())
    now = timezone.now()

    # The siting vote closed (and was published) before the sorting room was designed and built.
    sorting_room = Project.objects.get(title__contains="垃圾分类房")
    first_design = DesignVersion.objects.filter(project=sorting_room).order_by("created_at")[0]
    siting = Decision.objects.filter(title="新垃圾分类房选址")
    assert siting.count() == 2
    for decision in siting:
        assert decision.voting_closes_at < first_design.created_at
        assert decision.published_at is not None
    assert sorting_room.stage == "upkeep"
    final = siting.order_by("-voting_closes_at")[0]
    assert "7、8 号楼" in str(final.result)
    # …and something is open to vote on now.
    assert Decision.objects.filter(voting_opens_at__lte=now, voting_closes_at__gt=now).exists()

    # The living room is in one building everywhere.
    room = Space.objects.get(name="一米会客厅")
    texts = [room.location, room.description]
    texts += list(
        Project.objects.filter(title__contains="会客厅").values_list("description", "place_text")[0]
    )
    texts += list(
        Consultation.objects.filter(title__contains="会客厅").values_list("body", flat=True)
    )
    buildings = {m for t in texts for m in re.findall(r"(\d+) ?号楼大堂", t)}
    assert buildings == {"7"}, texts
    # Asked before it was built.
    asked = Consultation.objects.get(title__contains="会客厅")
    living_room = Project.objects.get(title__contains="会客厅")
    assert asked.closes_at < now - timedelta(days=200) and living_room.stage == "completed"

    # The Mid-Autumn party is in mid-to-late September.
    for party in Activity.objects.filter(title__contains="中秋"):
        day = timezone.localtime(party.starts_at).date()
        assert day.month == 9 and day.day >= 8, day

    # Each demo household can still try booking.
    for person in Resident.objects.filter(username__in=["resident", "emma", "leader"]):
        held = Booking.objects.filter(
            household_id=person.household_id,
            kind=Booking.Kind.BOOKING,
            status__in=Booking.OPEN,
            ends_at__gt=now,
        ).count()
        assert held < room.max_open_per_household, (person.username, held)

    # The secretary is no newcomer; authors show names, not logins.
    secretary = Resident.objects.get(username="secretary")
    assert levels_of([secretary.pk])[secretary.pk].level >= 4
    authors = set(Topic.objects.values_list("author_id", flat=True)) | set(
        Reply.objects.values_list("author_id", flat=True)
    )
    nameless = Resident.objects.filter(pk__in=authors, display_name="")
    assert not nameless.exists(), list(nameless.values_list("username", flat=True)[:5])
