"""A booking whose purpose the spam check holds: the slot stays taken, but the purpose reads
“Waiting for review” to other residents (page and API) until staff release it."""

import json

from django.urls import reverse

from linli.moderation.models import Case
from linli.moderation.testing import HELD, appeal, case_of, decide, waiting
from linli.spaces import actions


def _week(client, room, day):
    page = client.get(reverse("spaces:space-week", args=[room.pk]), {"week": day.isoformat()})
    api = client.get(f"/api/v1/spaces/{room.pk}/week", {"week": day.isoformat()}).json()
    return page.content.decode(), json.dumps(api, ensure_ascii=False)


def test_a_held_booking_purpose_is_masked_for_others_until_released(login, people, tree, room, at):
    (booking,) = actions.booking_request(
        space=room,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
        purpose=HELD,
        requester=people["resident"],
    )
    case = case_of(booking)
    assert (case.status, case.hidden) == ("open", True)
    day = at(2, 10).date()
    page, api = _week(login(people["neighbour"]), room, day)
    assert HELD not in page and HELD not in api
    assert waiting(page) and waiting(api)
    for who in ("resident", "staff"):  # the requester and a moderator
        page, api = _week(login(people[who]), room, day)
        assert HELD in page and HELD in api
    decide(login(people["staff"]), case, "approve")
    page, api = _week(login(people["neighbour"]), room, day)
    assert HELD in page and HELD in api


def test_the_requester_appeals_a_removed_purpose(login, people, room, at):
    (booking,) = actions.booking_request(
        space=room,
        starts_at=at(3, 10),
        ends_at=at(3, 11),
        purpose=HELD,
        requester=people["resident"],
    )
    case = case_of(booking)
    decide(login(people["staff"]), case, "hide")
    assert appeal(login(people["resident"]), case).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN


def test_an_ordinary_purpose_is_not_held(people, room, at):
    (booking,) = actions.booking_request(
        space=room,
        starts_at=at(4, 10),
        ends_at=at(4, 11),
        purpose="读书会",
        requester=people["resident"],
    )
    assert not Case.objects.filter(object_id=booking.pk).exists()
