"""Counting: exact thresholds, instant runoff, Art. 278 area and headcount."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.decide.tally import instant_runoff, meets


def test_at_least_two_thirds_includes_two_thirds_itself():
    assert meets(2, 3, 2, 3) is True
    assert meets(Decimal("200.00"), Decimal("300.00"), 2, 3) is True
    assert meets(Decimal("199.99"), Decimal("300.00"), 2, 3) is False


def test_more_than_half_excludes_half():
    assert meets(5, 10, 1, 2, strict=True) is False
    assert meets(6, 10, 1, 2, strict=True) is True
    assert meets(Decimal("50.01"), Decimal("100.00"), 1, 2, strict=True) is True


def test_at_least_three_quarters_is_exact_where_floats_are_not():
    # 0.75 of 100.03 m² is 75.0225: 75.02 falls short, 75.03 meets it.
    assert meets(Decimal("75.02"), Decimal("100.03"), 3, 4) is False
    assert meets(Decimal("75.03"), Decimal("100.03"), 3, 4) is True


def test_nothing_is_met_of_an_empty_total():
    assert meets(0, 0, 1, 2) is False


@given(
    st.integers(0, 10**6),
    st.integers(1, 10**6),
    st.integers(1, 9),
    st.integers(1, 9),
    st.booleans(),
)
def test_meets_agrees_with_exact_fractions(value, total, num, den, strict):
    if num > den:
        num, den = den, num
    expected = (
        Fraction(value, total) > Fraction(num, den)
        if strict
        else Fraction(value, total) >= Fraction(num, den)
    )
    assert meets(value, total, num, den, strict) is expected


def test_instant_runoff_transfers_votes_until_a_majority():
    a, b, c = 1, 2, 3
    ballots = [[a, b]] * 4 + [[b, c]] * 3 + [[c, b]] * 2
    rounds, winner = instant_runoff(ballots, [a, b, c])
    assert rounds[0]["counts"] == {"1": 4, "2": 3, "3": 2}
    assert rounds[0]["eliminated"] == c
    assert rounds[1]["counts"] == {"1": 4, "2": 5}
    assert winner == b


def test_instant_runoff_counts_exhausted_ballots():
    rounds, winner = instant_runoff([[1], [1], [2], [3]], [1, 2, 3])
    # 2 and 3 tie for fewest with no earlier round: the later listed (3) goes first.
    assert rounds[0]["eliminated"] == 3
    assert rounds[1]["exhausted"] == 1
    assert winner == 1


def test_instant_runoff_tie_break_looks_at_the_previous_round():
    # Round 1: A 5, B 2, C 3, D 1 → D out, its ballot goes to B. Round 2: A 5, B 3, C 3: B and C
    # tie for fewest; B had fewer in round 1, so B is eliminated and its ballots go to C.
    ballots = [[1]] * 5 + [[2, 3]] * 2 + [[3]] * 3 + [[4, 2, 3]]
    rounds, winner = instant_runoff(ballots, [1, 2, 3, 4])
    assert rounds[0]["eliminated"] == 4
    assert rounds[1]["counts"] == {"1": 5, "2": 3, "3": 3}
    assert rounds[1]["eliminated"] == 2
    assert rounds[2]["counts"] == {"1": 5, "3": 6}
    assert winner == 3


def test_instant_runoff_tied_in_every_round_eliminates_the_later_listed():
    # A and C tie now (2–2) after B is out, and were tied in round 1 too: C (listed later) goes.
    ballots = [[1]] * 2 + [[3]] * 2 + [[2]]
    rounds, winner = instant_runoff(ballots, [1, 2, 3])
    assert rounds[0]["eliminated"] == 2
    assert rounds[1]["eliminated"] == 3
    assert winner == 1


@given(st.lists(st.permutations([1, 2, 3, 4]).map(lambda p: p[:3]), max_size=40))
def test_instant_runoff_is_deterministic_and_winner_has_a_majority(ballots):
    first = instant_runoff(ballots, [1, 2, 3, 4])
    assert first == instant_runoff(list(ballots), [1, 2, 3, 4])
    rounds, winner = first
    if ballots:
        last = rounds[-1]
        assert winner is not None
        assert last["counts"][str(winner)] * 2 > last["active"] or len(last["counts"]) == 1
    else:
        assert winner is None


@pytest.mark.django_db
def test_ranked_patterns_counted_in_the_database_match_the_ballots(people, make_decision):
    from collections import Counter

    from linli.decide import actions
    from linli.decide.tally import ranked_patterns

    d = make_decision(method="ranked")
    a, b, c = d.options.order_by("position").values_list("id", flat=True)
    votes = {"resident": [c, a, b], "neighbour": [c, a, b], "far_resident": [b], "leader": [a, c]}
    for who, ranking in votes.items():
        actions.ballot_cast(decision=d, actor=people[who], option_ids=ranking)
    assert ranked_patterns(d) == Counter({(c, a, b): 2, (b,): 1, (a, c): 1})


def test_the_migration_fills_each_existing_ballots_ranking_from_its_choice_rows(
    people, make_decision
):
    import importlib

    from django.apps import apps

    from linli.decide import actions
    from linli.decide.models import Ballot

    d = make_decision(method="ranked")
    a, b, c = d.options.order_by("position").values_list("id", flat=True)
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[c, a, b])
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=[b])
    Ballot.objects.filter(decision=d).update(
        ranking=""
    )  # as ballots cast before the column existed
    importlib.import_module("linli.decide.migrations.0006_ballot_ranking").fill_rankings(apps, None)
    assert dict(Ballot.objects.filter(decision=d).values_list("household_id", "ranking")) == {
        people["resident"].household_id: f"{c},{a},{b}",
        people["neighbour"].household_id: f"{b}",
    }
