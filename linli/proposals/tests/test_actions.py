from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from linli.consult.actions import consultation_create
from linli.notify.models import Notification
from linli.proposals import actions
from linli.proposals.models import Proposal, Support


def test_proposal_create_snapshots_the_threshold_of_the_day(people, tree, make_proposal):
    actions.rule_set(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        share_percent=25,
        buildings=0,
        per_building=1,
        answer_days=10,
    )
    p = make_proposal()
    assert (p.needed_supports, p.needed_buildings, p.answer_days) == (2, 0, 10)  # 25 % of 8
    actions.rule_set(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        share_percent=50,
        buildings=0,
        per_building=1,
        answer_days=10,
    )
    p.refresh_from_db()
    assert p.needed_supports == 2 and make_proposal(title="另一个").needed_supports == 4


@pytest.mark.parametrize("who", ["unverified", "property", "other_staff", "street_staff"])
def test_only_verified_residents_of_the_neighborhood_propose(people, tree, who):
    with pytest.raises(PermissionDenied):
        actions.proposal_create(
            neighborhood=tree.neighborhood, author=people[who], title="t", body="b"
        )
    assert not Proposal.objects.exists()


def test_an_empty_proposal_is_refused_and_nothing_is_saved(people, tree):
    with pytest.raises(ValidationError) as error:
        actions.proposal_create(
            neighborhood=tree.neighborhood, author=people["resident"], title="  ", body="b"
        )
    assert "title" in error.value.message_dict and not Proposal.objects.exists()


def test_support_add_counts_one_support_per_household(people, make_proposal):
    p = make_proposal()
    actions.support_add(proposal=p, person=people["resident"])
    with pytest.raises(ValidationError) as error:
        actions.support_add(proposal=p, person=people["housemate"])
    assert error.value.code == "duplicate"
    actions.support_add(proposal=p, person=people["neighbour"])
    p.refresh_from_db()
    assert p.support_count == 2 == Support.objects.filter(proposal=p).count()


def test_share_of_households_puts_a_proposal_on_the_agenda_with_a_due_date(
    people, tree, make_proposal
):
    actions.rule_set(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        share_percent=25,
        buildings=0,
        per_building=1,
        answer_days=14,
    )
    p = make_proposal()
    actions.support_add(proposal=p, person=people["resident"])
    assert Proposal.objects.get(pk=p.pk).status == Proposal.Status.OPEN
    before = timezone.now()
    actions.support_add(proposal=p, person=people["far_resident"])
    p.refresh_from_db()
    assert p.status == Proposal.Status.AGENDA and p.support_count == 2
    assert before + timedelta(days=14) <= p.answer_due <= timezone.now() + timedelta(days=14)
    told = set(
        Notification.objects.filter(kind="proposals.on_agenda").values_list(
            "recipient_id", flat=True
        )
    )
    assert {people["secretary"].pk, people["staff"].pk, people["resident"].pk} <= told


def test_supports_from_several_buildings_pass_the_threshold(people, make_proposal, strict_rule):
    p = make_proposal()
    for who in ("resident", "neighbour", "far_resident"):
        actions.support_add(proposal=p, person=people[who])
    p.refresh_from_db()
    assert (p.building_count, p.status) == (1, "open")  # building 2 has one support of two
    actions.support_add(proposal=p, person=people["owners"])  # building 2, another household
    p.refresh_from_db()
    assert (p.support_count, p.building_count, p.status) == (4, 2, "agenda")


def _on_agenda(people, make_proposal, tree):
    actions.rule_set(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        share_percent=10,
        buildings=0,
        per_building=1,
        answer_days=30,
    )
    p = make_proposal()
    actions.support_add(proposal=p, person=people["neighbour"])
    p.refresh_from_db()
    assert p.status == "agenda"
    return p


def test_a_reasoned_no_is_public_and_tells_author_and_supporters(people, tree, make_proposal):
    p = _on_agenda(people, make_proposal, tree)
    with pytest.raises(ValidationError):
        actions.proposal_answer(proposal=p, actor=people["staff"], kind="declined", text=" ")
    done = actions.proposal_answer(
        proposal=p, actor=people["staff"], kind="declined", text="消防通道不能放座椅。"
    )
    assert (done.status, done.answer_kind, done.answer_link_id) == ("answered", "declined", None)
    told = set(
        Notification.objects.filter(kind="proposals.answered").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {people["resident"].pk, people["neighbour"].pk}
    with pytest.raises(ValidationError):
        actions.support_add(proposal=p, person=people["far_resident"])


def test_an_answer_by_consultation_must_name_one_of_this_neighborhood(
    people, tree, other_tree, make_proposal
):
    p = _on_agenda(people, make_proposal, tree)
    now = timezone.now()
    theirs = consultation_create(
        neighborhood=other_tree.neighborhood,
        actor=people["other_staff"],
        title="别处",
        opens_at=now,
        closes_at=now + timedelta(days=7),
    )
    with pytest.raises(ValidationError) as error:
        actions.proposal_answer(
            proposal=p,
            actor=people["staff"],
            kind="consultation",
            text="征集意见",
            link_id=theirs.pk,
        )
    assert "link_id" in error.value.message_dict
    ours = consultation_create(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        title="座椅放哪里",
        opens_at=now,
        closes_at=now + timedelta(days=7),
    )
    done = actions.proposal_answer(
        proposal=p, actor=people["staff"], kind="consultation", text="先征集意见", link_id=ours.pk
    )
    assert done.answer_url == f"/consult/{ours.pk}/"


def test_a_proposal_below_its_threshold_cannot_be_answered_yet(people, make_proposal, strict_rule):
    p = make_proposal()
    with pytest.raises(ValidationError) as error:
        actions.proposal_answer(proposal=p, actor=people["staff"], kind="declined", text="不")
    assert error.value.code == "open"


@pytest.mark.parametrize("who", ["leader", "resident", "owners", "other_staff"])
def test_only_committee_staff_answer_and_set_the_threshold(people, tree, make_proposal, who):
    p = _on_agenda(people, make_proposal, tree)
    with pytest.raises(PermissionDenied):
        actions.proposal_answer(proposal=p, actor=people[who], kind="declined", text="不")
    with pytest.raises(PermissionDenied):
        actions.rule_set(
            neighborhood=tree.neighborhood,
            actor=people[who],
            share_percent=1,
            buildings=0,
            per_building=1,
            answer_days=1,
        )
    assert Proposal.objects.get(pk=p.pk).status == "agenda"


def test_overdue_when_the_due_date_has_passed(people, tree, make_proposal):
    p = _on_agenda(people, make_proposal, tree)
    Proposal.objects.filter(pk=p.pk).update(answer_due=timezone.now() - timedelta(hours=1))
    p.refresh_from_db()
    assert p.overdue
