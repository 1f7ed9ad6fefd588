"""Deleting an account keeps its household's ballot, anonymised, in every count."""

from linli.community.actions import resident_delete
from linli.community.testing import PASSWORD
from linli.decide import actions, tally
from linli.decide.models import Ballot

from .conftest import set_phase


def test_deleting_an_account_keeps_its_ballot_in_the_count_without_the_person(
    people, make_decision
):
    d = make_decision()
    a, b = [o.pk for o in d.options.order_by("position")][:2]
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[a])
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=[b])
    set_phase(d, "closed")
    before = tally.count(d)
    resident_delete(person=people["resident"], password=PASSWORD)
    assert tally.count(d) == before and before["ballots"] == 2
    assert not Ballot.objects.filter(resident=people["resident"]).exists()
    assert not Ballot.objects.filter(cast_by=people["resident"]).exists()
