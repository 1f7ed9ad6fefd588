"""Deleting an account keeps its household's answer, anonymised, in the participation counts."""

from linli.community.actions import resident_delete
from linli.community.testing import PASSWORD
from linli.consult.models import BuildingTally, Consultation, Response

from .test_actions import answer


def test_deleting_an_account_keeps_its_answer_counted_without_the_person(people, survey):
    c = survey()
    answer(c, people["resident"])
    building = people["resident"].household.building
    before = BuildingTally.objects.get(consultation=c, building=building)
    resident_delete(person=people["resident"], password=PASSWORD)
    after = BuildingTally.objects.get(consultation=c, building=building)
    assert (after.households_heard, after.residents_heard) == (
        before.households_heard,
        before.residents_heard,
    )
    assert Consultation.objects.get(pk=c.pk).response_count == 1
    assert Response.objects.get(consultation=c).respondent_id is None
