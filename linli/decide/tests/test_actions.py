"""Ballots: who may cast them, replacement, paper and proxy, bad input; Art. 278 results."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from linli.audit.models import AuditEntry
from linli.community.models import Household
from linli.decide import actions, tally
from linli.decide.models import Ballot, BallotChoice, BuildingTally, Decision, Rule

from .conftest import set_phase


def ids(decision):
    return list(decision.options.order_by("position").values_list("id", flat=True))


def test_a_resident_casts_the_household_ballot_and_counters_move(people, make_decision):
    d = make_decision()
    a, b, c = ids(d)
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[b])
    d = Decision.objects.with_counts().get(pk=d.pk)
    assert d.ballot_count == 1 and d.electorate_size == 8
    assert (
        BuildingTally.objects.get(decision=d, building=people["resident"].household.building).voted
        == 1
    )
    assert tally.count(d)["options"][1]["votes"] == 1


def test_a_later_ballot_of_the_same_household_replaces_the_earlier_and_is_audited(
    people, make_decision
):
    d = make_decision()
    a, b, c = ids(d)
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[a])
    actions.ballot_cast(decision=d, actor=people["housemate"], option_ids=[c])
    d = Decision.objects.with_counts().get(pk=d.pk)
    assert Ballot.objects.filter(decision=d).count() == 1 and d.ballot_count == 1
    assert list(BallotChoice.objects.filter(decision=d).values_list("option_id", flat=True)) == [c]
    entry = AuditEntry.objects.get(action="decide.ballot_replace")
    assert str(a) not in str(entry.after) and "option" not in str(
        entry.before
    )  # the audit does not reveal the vote


@pytest.mark.parametrize("phase,message", [("closed", "closed"), ("deliberation", "not opened")])
def test_voting_outside_the_voting_period_is_refused(people, make_decision, phase, message):
    d = make_decision(phase=phase)
    with pytest.raises(ValidationError, match=message):
        actions.ballot_cast(decision=d, actor=people["resident"], option_ids=ids(d)[:1])
    assert not Ballot.objects.exists()


def test_voting_for_another_household_is_refused(people, make_decision):
    d = make_decision()
    with pytest.raises(PermissionDenied):
        actions.ballot_cast(
            decision=d,
            actor=people["resident"],
            household=people["neighbour"].household,
            option_ids=ids(d)[:1],
        )
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    "method,choices,message",
    [
        ("single", lambda o: [o[0], o[1]], "exactly one"),
        ("single", lambda o: [999999], "options shown"),
        ("single", lambda o: ["x"], "options shown"),
        ("ranked", lambda o: [o[0], o[1], o[0]], "only once"),
        ("approval", lambda o: [], "Choose an option"),
    ],
)
def test_bad_choices_are_refused_and_nothing_changes(
    people, make_decision, method, choices, message
):
    d = make_decision(method=method)
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=ids(d)[:1])
    with pytest.raises(ValidationError, match=message):
        actions.ballot_cast(decision=d, actor=people["resident"], option_ids=choices(ids(d)))
    assert (
        list(BallotChoice.objects.filter(decision=d).values_list("option_id", flat=True))
        == ids(d)[:1]
    )


def test_an_option_of_another_decision_is_refused(people, make_decision):
    d, other = make_decision(), make_decision(title="另一个")
    with pytest.raises(ValidationError):
        actions.ballot_cast(decision=d, actor=people["resident"], option_ids=ids(other)[:1])
    assert not Ballot.objects.exists()


def test_an_unverified_person_cannot_vote(people, make_decision):
    d = make_decision()
    with pytest.raises(PermissionDenied):
        actions.ballot_cast(decision=d, actor=people["unverified"], option_ids=ids(d)[:1])


def test_a_household_outside_the_chosen_buildings_cannot_vote(people, make_decision, tree):
    d = make_decision(buildings=[tree.buildings[1]])
    with pytest.raises(PermissionDenied, match="electorate"):
        actions.ballot_cast(decision=d, actor=people["resident"], option_ids=ids(d)[:1])
    assert Decision.objects.get(pk=d.pk).electorate_size == 4


def test_the_building_leader_enters_a_paper_ballot_of_their_building_only(people, make_decision):
    d = make_decision()
    home = people["neighbour"].household
    ballot = actions.ballot_cast(
        decision=d, actor=people["leader"], household=home, channel="paper", option_ids=ids(d)[:1]
    )
    assert ballot.channel == "paper" and ballot.cast_by == people["leader"]
    assert AuditEntry.objects.filter(action="decide.ballot_paper").count() == 1
    with pytest.raises(PermissionDenied):
        actions.ballot_cast(
            decision=d,
            actor=people["leader"],
            household=people["far_resident"].household,
            channel="paper",
            option_ids=ids(d)[:1],
        )
    # The household then votes online itself: still one ballot.
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=ids(d)[1:2])
    assert (
        Ballot.objects.filter(decision=d).count() == 1
        and Decision.objects.with_counts().get(pk=d.pk).ballot_count == 1
    )


def test_a_proxy_ballot_needs_the_scanned_form_and_staff(people, make_decision):
    d = make_decision()
    home = people["far_resident"].household
    with pytest.raises(ValidationError, match="proxy form"):
        actions.ballot_cast(
            decision=d,
            actor=people["staff"],
            household=home,
            channel="proxy",
            proxy_holder="李四",
            option_ids=ids(d)[:1],
        )
    scan = SimpleUploadedFile("form.pdf", b"%PDF-1.4 proxy", content_type="application/pdf")
    with pytest.raises(PermissionDenied):
        actions.ballot_cast(
            decision=d,
            actor=people["leader"],
            household=home,
            channel="proxy",
            proxy_holder="李四",
            proxy_form=scan,
            option_ids=ids(d)[:1],
        )
    ballot = actions.ballot_cast(
        decision=d,
        actor=people["staff"],
        household=home,
        channel="proxy",
        proxy_holder="李四",
        proxy_form=scan,
        option_ids=ids(d)[:1],
    )
    assert ballot.proxy_form.name and ballot.proxy_holder == "李四"
    assert AuditEntry.objects.filter(action="decide.ballot_proxy").count() == 1


def test_a_resident_electorate_gives_each_adult_a_ballot(people, make_decision):
    d = make_decision(unit="resident")
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=ids(d)[:1])
    actions.ballot_cast(decision=d, actor=people["housemate"], option_ids=ids(d)[:1])
    assert Ballot.objects.filter(decision=d).count() == 2
    assert tally.count(d)["options"][0]["votes"] == 2


def test_owners_only_refuses_a_tenant_household_online(people, make_decision):
    d = make_decision(owners_only=True)
    tenant = people["neighbour"]  # room 201: r=2, not owner-occupied in make_tree
    assert not tenant.household.owner_occupied
    with pytest.raises(PermissionDenied, match="owners"):
        actions.ballot_cast(decision=d, actor=tenant, option_ids=ids(d)[:1])


def _vote_homes(d, staff, homes, option):
    for h in homes:
        actions.ballot_cast(
            decision=d, actor=staff, household=h, channel="paper", option_ids=[option]
        )


def test_art_278_major_matter_passes_the_headcount_but_fails_the_area_test(
    people, make_decision, art278_major, tree
):
    homes = list(Household.objects.filter(neighborhood=tree.neighborhood).order_by("pk"))
    # Make one big unit: 8 units, areas ~80 m² except one of 400 m².
    Household.objects.filter(pk=homes[0].pk).update(area=Decimal("400.00"))
    d = make_decision(rule=art278_major, options=("同意", "反对"), approves=(0,))
    yes, no = ids(d)
    _vote_homes(d, people["staff"], homes[1:7], yes)  # 6 owners for, small units
    _vote_homes(d, people["staff"], homes[:1], no)  # 1 owner against, the big unit
    set_phase(d, "closed")
    figures = {f["key"]: f for f in tally.count(d)["rule"]["figures"]}
    assert figures["turnout_heads"]["met"] and figures["turnout_area"]["met"]
    assert figures["pass_heads"]["met"] is True  # 6 of 7 ≥ 3/4
    assert figures["pass_area"]["met"] is False  # ~500 of ~900 m² < 3/4
    assert tally.count(d)["rule"]["passed"] is False


def test_art_278_headcount_counts_an_owner_of_several_units_and_the_developer_once(
    people, make_decision, art278_major, tree
):
    homes = list(Household.objects.filter(neighborhood=tree.neighborhood).order_by("pk"))
    actions.ownership_set(
        household=homes[0], actor=people["secretary"], owner_key="ID-1", owner_name="王"
    )
    actions.ownership_set(
        household=homes[1], actor=people["secretary"], owner_key="ID-1", owner_name="王"
    )
    for h in homes[5:8]:
        actions.ownership_set(household=h, actor=people["secretary"], is_developer=True)
    assert AuditEntry.objects.filter(action="decide.ownership_set").count() == 5
    d = make_decision(rule=art278_major, options=("同意", "反对"), approves=(0,))
    yes, _no = ids(d)
    _vote_homes(d, people["staff"], homes[:2], yes)
    result = tally.count(d)
    figures = {f["key"]: f for f in result["rule"]["figures"]}
    # Owners: ID-1 (2 units), homes 2, 3, 4, the developer (3 units) → 5 heads. Participants: 1 head.
    assert figures["turnout_heads"]["total"] == "5" and figures["turnout_heads"]["value"] == "1"
    assert figures["pass_heads"]["value"] == "1" and figures["pass_heads"]["total"] == "1"
    assert result["rule"]["valid"] is False


def test_exactly_two_thirds_turnout_is_valid(people, make_decision, tree):
    rule = Rule.objects.create(
        neighborhood=tree.neighborhood,
        key="thirds",
        name="三分之二",
        turnout_heads_num=2,
        turnout_heads_den=3,
        pass_heads_num=1,
        pass_heads_den=2,
        pass_heads_strict=True,
    )
    homes = list(Household.objects.filter(building=tree.buildings[0]).order_by("pk"))[:3]
    d = make_decision(
        rule=rule,
        unit="resident",
        buildings=[tree.buildings[0]],
        options=("同意", "反对"),
        approves=(0,),
    )
    # Building 1 adults: resident, housemate, neighbour, leader = 4; a 2-of-3 test needs 3 of 4 (2.67).
    people_ = [people["resident"], people["housemate"]]
    for p in people_:
        actions.ballot_cast(decision=d, actor=p, option_ids=ids(d)[:1])
    assert tally.count(d)["rule"]["valid"] is False
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=ids(d)[1:2])
    result = tally.count(d)["rule"]
    assert result["valid"] is True
    heads = {f["key"]: f for f in result["figures"]}["pass_heads"]
    assert (heads["value"], heads["total"], heads["met"]) == ("2", "3", True)
    assert homes


def test_more_than_half_is_not_met_by_exactly_half(people, make_decision, tree):
    rule = Rule.objects.get(key="simple-majority", neighborhood=None)
    d = make_decision(rule=rule, unit="resident", options=("同意", "反对"), approves=(0,))
    yes, no = ids(d)
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[yes])
    actions.ballot_cast(decision=d, actor=people["housemate"], option_ids=[no])
    assert tally.count(d)["rule"]["passed"] is False
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=[yes])
    assert tally.count(d)["rule"]["passed"] is True


def test_publish_stores_the_count_and_a_recount_matches(people, make_decision):
    d = make_decision(method="ranked")
    a, b, c = ids(d)
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[c, b])
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=[b])
    actions.ballot_cast(decision=d, actor=people["far_resident"], option_ids=[a, b])
    with pytest.raises(ValidationError):
        actions.decision_publish(decision=d, actor=people["secretary"])
    set_phase(d, "closed")
    with pytest.raises(PermissionDenied):
        actions.decision_publish(decision=d, actor=people["resident"])
    result = actions.decision_publish(decision=d, actor=people["secretary"])
    d.refresh_from_db()
    assert d.published_at and d.result == result and result["winner"] == b
    assert actions.recount_matches(d) is True
    Ballot.objects.filter(
        decision=d, household=people["resident"].household
    ).delete()  # tampering after publication
    assert actions.recount_matches(d) is False


def test_a_recount_catches_a_choice_row_that_disagrees_with_its_ballot(people, make_decision):
    """Each ballot keeps its ranking on its row (what the count groups) and its choice rows; a recount checks both."""
    d = make_decision(method="ranked")
    a, b, c = ids(d)
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[c, b])
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=[b])
    actions.ballot_cast(
        decision=d, actor=people["housemate"], option_ids=[a, c, b]
    )  # replaces the resident's
    assert sorted(Ballot.objects.filter(decision=d).values_list("ranking", flat=True)) == sorted(
        [f"{a},{c},{b}", f"{b}"]
    )
    assert tally.ranked_patterns(d) == tally.patterns_from_choices(d) == {(a, c, b): 1, (b,): 1}
    set_phase(d, "closed")
    actions.decision_publish(decision=d, actor=people["secretary"])
    d.refresh_from_db()
    assert actions.recount_matches(d) is True
    BallotChoice.objects.filter(decision=d, option_id=b, rank=1).update(
        option_id=a
    )  # a choice row edited behind the count's back
    assert tally.count(d) == d.result  # the rankings still give the published figures…
    assert actions.recount_matches(d) is False  # …but the recount sees the rows disagree


def test_single_and_approval_counts_come_from_the_rankings(people, make_decision):
    d = make_decision(method="approval")
    a, b, c = ids(d)
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[a, b])
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=[b])
    actions.ballot_cast(decision=d, actor=people["far_resident"], option_ids=[c, b, a])
    result = tally.count(d)
    assert {o["id"]: o["votes"] for o in result["options"]} == {a: 2, b: 3, c: 1}
    assert result["winner"] == b and result["ballots"] == 3


def test_reminders_go_only_to_those_not_yet_heard(people, make_decision):
    from linli.notify.models import Notification

    d = make_decision()
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=ids(d)[:1])
    sent = actions.decision_remind(decision=d, actor=people["staff"])
    reminded = set(
        Notification.objects.filter(kind="decide.voting_reminder").values_list(
            "recipient__username", flat=True
        )
    )
    assert "resident" not in reminded and "housemate" not in reminded and "neighbour" in reminded
    assert sent == len(reminded)  # the count is of those reminded (not the one who pressed)


def test_next_round_copies_the_shortlisted_options(people, make_decision):
    d = make_decision(
        method="ranked", options=("甲", "乙", "丙", "丁"), link_kind="projects.project", link_id=7
    )
    set_phase(d, "closed")
    a, b, c, _d = ids(d)
    nxt = actions.decision_next_round(
        decision=d,
        actor=people["secretary"],
        option_ids=[a, c],
        voting_opens_at=d.voting_closes_at,
        voting_closes_at=d.voting_closes_at.replace(year=d.voting_closes_at.year + 1),
    )
    assert (
        nxt.round_no == 2
        and nxt.previous == d
        and (nxt.link_kind, nxt.link_id) == ("projects.project", 7)
    )
    assert list(nxt.options.values_list("title", flat=True)) == ["甲", "丙"]


def test_pressing_remind_twice_reminds_each_household_member_once(people, make_decision):
    from linli.notify.models import Notification

    d = make_decision()
    first = actions.decision_remind(decision=d, actor=people["staff"])
    second = actions.decision_remind(decision=d, actor=people["staff"])
    third = actions.decision_remind(decision=d, actor=people["secretary"])
    per_person = list(
        Notification.objects.filter(kind="decide.voting_reminder").values_list(
            "recipient_id", flat=True
        )
    )
    assert len(per_person) == len(set(per_person)) == first + third and first > 0
    assert second == 0
    assert third == 1  # only the staff member who pressed first had not been reminded


def test_the_published_result_reaches_each_person_once_in_their_own_language(people, make_decision):
    from django.utils import translation

    from linli.notify.models import Notification

    d = make_decision()
    a, b, _c = ids(d)
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=[b])
    set_phase(d, "closed")
    actions.decision_publish(decision=d, actor=people["secretary"])  # in English (autouse)
    actions.decision_publish(decision=d, actor=people["secretary"])  # published again
    notices = Notification.objects.filter(
        kind="decide.result_published", recipient=people["resident"]
    )
    assert notices.count() == 1
    with translation.override("zh-hans"):
        assert notices.get().text == "“新垃圾房选址”的表决结果已公示：选定：B"
    with translation.override("en"):
        assert notices.get().text.endswith("chosen: B")


def test_first_and_replacing_ballots_and_their_choices_carry_the_decisions_neighborhood(
    people, make_decision
):
    d = make_decision()
    a, b, c = ids(d)
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[a])  # the fast path
    assert set(Ballot.objects.filter(decision=d).values_list("neighborhood_id", flat=True)) == {
        d.neighborhood_id
    }
    assert set(
        BallotChoice.objects.filter(decision=d).values_list("neighborhood_id", flat=True)
    ) == {d.neighborhood_id}
    actions.ballot_cast(decision=d, actor=people["housemate"], option_ids=[c])  # replacing
    assert set(
        BallotChoice.objects.filter(decision=d).values_list("neighborhood_id", flat=True)
    ) == {d.neighborhood_id}
