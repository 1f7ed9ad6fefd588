"""A talent profile the spam check holds: hidden from other residents (pages and API) until staff
release it, visible to its author and to moderators in the one queue; removal can be appealed."""

from django.urls import reverse

from linli.moderation.models import Case
from linli.moderation.testing import HELD, appeal, case_of, decide

from .factories import declare

API = "/api/v1/talent"


def _seen_by(client, tree, profile):
    listing = client.get(reverse("talent:profile-list", args=[tree.neighborhood.slug]))
    api = client.get(f"{API}/profiles", {"neighborhood": tree.neighborhood.slug}).json()
    return {
        "list": HELD in listing.content.decode(),
        "api": profile.pk in [p["id"] for p in api["items"]],
        "detail": client.get(reverse("talent:profile-detail", args=[profile.pk])).status_code,
        "api_detail": client.get(f"{API}/profiles/{profile.pk}").status_code,
    }


def test_a_held_profile_is_seen_only_by_its_author_and_moderators_until_released(
    login, people, tree, skills
):
    profile = declare(
        people["neighbour"], [skills["法律"]], visibility="residents", background=HELD
    )
    case = case_of(profile)
    assert (case.status, case.hidden, case.source) == ("open", True, "scorer")
    assert _seen_by(login(people["resident"]), tree, profile) == {
        "list": False,
        "api": False,
        "detail": 403,
        "api_detail": 403,
    }
    author = login(people["neighbour"])
    assert HELD in author.get(reverse("talent:profile-detail", args=[profile.pk])).content.decode()
    staff = login(people["staff"])
    queue = staff.get(reverse("moderation:case-queue", args=[tree.neighborhood.slug]))
    assert HELD in queue.content.decode()
    assert decide(staff, case, "approve").status_code == 302
    assert _seen_by(login(people["resident"]), tree, profile) == {
        "list": True,
        "api": True,
        "detail": 200,
        "api_detail": 200,
    }


def test_a_removed_profile_stays_hidden_and_its_author_can_appeal_once(login, people, tree, skills):
    profile = declare(
        people["neighbour"], [skills["法律"]], visibility="residents", background=HELD
    )
    case = case_of(profile)
    decide(login(people["staff"]), case, "hide")
    assert _seen_by(login(people["resident"]), tree, profile)["list"] is False
    assert appeal(login(people["resident"]), case).status_code == 403  # not the author
    assert appeal(login(people["neighbour"]), case).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN and case.appeal_note and case.hidden


def test_an_ordinary_profile_is_not_held(people, skills):
    profile = declare(people["neighbour"], [skills["法律"]], background="物业纠纷律师，周末有空")
    assert not Case.objects.filter(object_id=profile.pk).exists()
