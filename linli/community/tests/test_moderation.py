"""Display names are screened: a held new name is seen by its owner only (the old one stays for
everyone else) until staff release it; removed, it is dropped, and the owner can appeal."""

from django.urls import reverse

from linli.community.actions import profile_update
from linli.community.models import Resident
from linli.moderation.models import Case
from linli.moderation.testing import HELD, appeal, case_of, decide


def _rename(person, name):
    return profile_update(
        resident=person, display_name=name, phone=person.phone, language=person.language
    )


def test_a_held_display_name_waits_for_staff_and_the_old_one_stays(login, people, tree):
    person = people["resident"]
    before = Resident.objects.get(pk=person.pk).public_name
    _rename(person, HELD)
    fresh = Resident.objects.get(pk=person.pk)
    assert fresh.public_name == before and fresh.display_name_pending == HELD
    case = case_of(fresh)
    assert (case.status, case.hidden, case.author_id) == ("open", True, person.pk)
    assert HELD in login(person).get(reverse("community:profile")).content.decode()  # the owner
    queue = login(people["staff"]).get(
        reverse("moderation:case-queue", args=[tree.neighborhood.slug])
    )
    assert HELD in queue.content.decode()
    decide(login(people["staff"]), case, "approve")
    fresh = Resident.objects.get(pk=person.pk)
    assert fresh.public_name == HELD and fresh.display_name_pending == ""


def test_a_removed_display_name_is_dropped_and_can_be_appealed(login, people):
    person = people["resident"]
    before = Resident.objects.get(pk=person.pk).public_name
    _rename(person, HELD)
    assert Resident.objects.get(pk=person.pk).display_name_pending == HELD
    case = case_of(person)
    decide(login(people["staff"]), case, "hide")
    fresh = Resident.objects.get(pk=person.pk)
    assert fresh.public_name == before and fresh.display_name_pending == ""
    assert appeal(login(person), case).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN


def test_an_ordinary_display_name_is_taken_at_once(people):
    _rename(people["resident"], "三楼老王")
    assert Resident.objects.get(pk=people["resident"].pk).public_name == "三楼老王"
    assert not Case.objects.exists()
