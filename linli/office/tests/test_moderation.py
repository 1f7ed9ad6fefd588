"""A request the spam check holds is not public: other residents, the public list and Open311
do not show it until staff release it; its reporter and moderators do. Open311 apps' anonymous
reports are screened too."""

import pytest
from django.urls import reverse

from linli.moderation.models import Case
from linli.moderation.testing import HELD, appeal, case_of, decide
from linli.office import actions
from linli.office.models import Request

BASE = "/open311/v2"


def _seen(client, tree, request):
    listing = client.get(reverse("office:request-list", args=[tree.neighborhood.slug]))
    open311 = client.get(f"{BASE}/requests.json?jurisdiction_id=nb").json()
    return {
        "list": HELD in listing.content.decode(),
        "detail": client.get(request.get_absolute_url()).status_code,
        "open311": request.pk in [r["service_request_id"] for r in open311],
        "open311_one": client.get(f"{BASE}/requests/{request.pk}.json").status_code,
    }


def test_a_held_request_is_not_public_until_released(login, people, tree, submit):
    request = submit(description=HELD, public=True)
    case = case_of(request)
    assert (case.status, case.hidden, case.source) == ("open", True, "scorer")
    hidden = {"list": False, "detail": 403, "open311": False, "open311_one": 404}
    assert _seen(login(people["neighbour"]), tree, request) == hidden
    assert login(people["resident"]).get(request.get_absolute_url()).status_code == 200  # reporter
    staff = login(people["staff"])
    assert HELD in staff.get(reverse("moderation:case-queue", args=["nb"])).content.decode()
    decide(staff, case, "approve")
    shown = {"list": True, "detail": 200, "open311": True, "open311_one": 200}
    assert _seen(login(people["neighbour"]), tree, request) == shown


def test_the_reporter_appeals_a_removed_request(login, people, submit):
    request = submit(description=HELD, public=True)
    case = case_of(request)
    decide(login(people["staff"]), case, "hide")
    assert login(people["neighbour"]).get(request.get_absolute_url()).status_code == 403
    assert appeal(login(people["resident"]), case).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN


@pytest.fixture
def key(tree, people):
    return actions.apikey_create(actor=people["staff"], neighborhood=tree.neighborhood, name="App")[
        1
    ]


def _post311(client, key, description):
    return client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "jurisdiction_id": "nb",
            "service_code": "lift-repair",
            "lat": "31.2",
            "long": "121.5",
            "description": description,
            "email": "w@example.com",
        },
    )


def test_open311_reports_are_screened_spam_refused_doubtful_held(client, tree, categories, key):
    spam = "百家乐首存送彩金，真人荷官在线，加微信 bj888 www.bj888.vip 🎰🎰🎰"
    refused = _post311(client, key, spam)
    assert refused.status_code == 400 and not Request.objects.exists()
    held = _post311(client, key, HELD)
    assert held.status_code == 201, held.content
    request = Request.objects.get()
    assert case_of(request).hidden and request.reporter_id is None
    assert client.get(f"{BASE}/requests/{request.pk}.json").status_code == 404
