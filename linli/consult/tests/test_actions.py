"""Answering: audiences, one answer per household or resident, changes, conditions, bad input, counters, points."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from linli.audit.models import AuditEntry
from linli.consult import actions
from linli.consult.models import Answer, BuildingTally, Consultation, Response
from linli.stats.models import PointsEntry

from .conftest import choice, set_open


def answer(c, person, extra=None):
    q = c.q
    raw = {q["use"].pk: choice(q["use"], "会"), q["rating"].pk: "4", q["number"].pk: "2"}
    raw.update(extra or {})
    return actions.response_submit(consultation=c, actor=person, answers=raw)


def test_an_answer_counts_the_household_and_its_residents_and_awards_points(people, survey):
    c = survey()
    answer(c, people["resident"])
    tally = BuildingTally.objects.get(
        consultation=c, building=people["resident"].household.building
    )
    assert (tally.households_heard, tally.residents_heard) == (1, 2)  # resident and housemate
    assert (tally.eligible_households, tally.eligible_residents) == (4, 4)
    assert Consultation.objects.get(pk=c.pk).response_count == 1
    assert (
        PointsEntry.objects.filter(person=people["resident"], reason="consult.answer").count() == 1
    )


def test_changing_the_answer_replaces_it_and_counts_nothing_twice(people, survey):
    c = survey()
    answer(c, people["resident"])
    answer(c, people["housemate"], {c.q["rating"].pk: "2"})
    assert Response.objects.filter(consultation=c).count() == 1
    assert list(Answer.objects.filter(question=c.q["rating"]).values_list("number", flat=True)) == [
        Decimal("2.00")
    ]
    assert (
        BuildingTally.objects.get(
            consultation=c, building=people["resident"].household.building
        ).households_heard
        == 1
    )
    assert PointsEntry.objects.filter(reason="consult.answer").count() == 1


def test_per_resident_counts_each_person_and_the_household_once(people, survey):
    c = survey(per="resident")
    answer(c, people["resident"])
    answer(c, people["housemate"])
    tally = BuildingTally.objects.get(
        consultation=c, building=people["resident"].household.building
    )
    assert (tally.households_heard, tally.residents_heard) == (1, 2)


def test_a_conditional_question_is_required_only_when_its_condition_holds(people, survey):
    c = survey()
    q = c.q
    with pytest.raises(ValidationError, match="为什么不会"):
        actions.response_submit(
            consultation=c,
            actor=people["resident"],
            answers={q["use"].pk: choice(q["use"], "不会")},
        )
    assert not Response.objects.exists()
    actions.response_submit(
        consultation=c,
        actor=people["resident"],
        answers={q["use"].pk: choice(q["use"], "不会"), q["why"].pk: "太远"},
    )
    # When the condition does not hold, an answer to it is ignored.
    actions.response_submit(
        consultation=c,
        actor=people["neighbour"],
        answers={q["use"].pk: choice(q["use"], "会"), q["why"].pk: "ignored"},
    )
    assert list(Answer.objects.filter(question=q["why"]).values_list("text", flat=True)) == ["太远"]


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("use", "999999", "choices shown"),
        ("use", "abc", "choices shown"),
        ("rating", "6", "1 to 5"),
        ("number", "lots", "number"),
        ("number", "NaN", "number"),
        ("rank", ["x"], "choices shown"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_written(people, survey, field, value, message):
    c = survey()
    q = c.q
    raw = {q["use"].pk: choice(q["use"], "会"), q[field].pk: value}
    with pytest.raises(ValidationError, match=message):
        actions.response_submit(consultation=c, actor=people["resident"], answers=raw)
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_a_ranking_with_duplicates_is_refused(people, survey):
    c = survey()
    r = c.q["rank"]
    with pytest.raises(ValidationError, match="only once"):
        answer(c, people["resident"], {r.pk: [choice(r, "甲"), choice(r, "甲")]})


def test_answering_after_close_or_for_another_household_is_refused(people, survey):
    c = survey()
    with pytest.raises(PermissionDenied):
        actions.response_submit(
            consultation=c,
            actor=people["resident"],
            household=people["far_resident"].household,
            answers={},
        )
    set_open(c, "closed")
    with pytest.raises(ValidationError, match="closed"):
        answer(c, people["resident"])
    assert not Response.objects.exists()


def test_the_audience_limits_who_may_answer(people, survey, tree):
    c = survey(buildings=[tree.buildings[1]])
    with pytest.raises(PermissionDenied):
        answer(c, people["resident"])
    answer(c, people["far_resident"])
    owners = survey(owners_only=True)
    with pytest.raises(PermissionDenied):
        answer(owners, people["neighbour"])  # room 201 is rented


def test_the_building_leader_enters_a_paper_answer_for_their_building_only(people, survey):
    c = survey()
    q = c.q
    raw = {q["use"].pk: choice(q["use"], "会")}
    actions.response_submit(
        consultation=c,
        actor=people["leader"],
        household=people["neighbour"].household,
        channel="paper",
        answers=raw,
    )
    assert Response.objects.get().channel == "paper"
    assert AuditEntry.objects.filter(action="consult.response_enter").count() == 1
    with pytest.raises(PermissionDenied):
        actions.response_submit(
            consultation=c,
            actor=people["leader"],
            household=people["far_resident"].household,
            channel="phone",
            answers=raw,
        )


def test_reminders_go_to_those_not_yet_heard(people, survey):
    from linli.notify.models import Notification

    c = survey()
    answer(c, people["resident"])
    actions.consultation_remind(consultation=c, actor=people["staff"])
    reminded = set(
        Notification.objects.filter(kind="consult.reminder").values_list(
            "recipient__username", flat=True
        )
    )
    assert "neighbour" in reminded and "far_resident" in reminded
    assert "resident" not in reminded and "housemate" not in reminded


def test_questions_cannot_change_once_answers_came_in(people, survey):
    c = survey()
    answer(c, people["resident"])
    with pytest.raises(ValidationError):
        actions.question_add(
            consultation=Consultation.objects.get(pk=c.pk),
            actor=people["staff"],
            kind="text",
            text="晚来的问题",
        )


def test_pressing_remind_twice_reminds_each_person_once(
    people, survey, django_capture_on_commit_callbacks
):
    from django.core import mail

    from linli.notify.models import Notification

    neighbour = people["neighbour"]
    neighbour.email = "neighbour@example.org"
    neighbour.save()
    c = survey()
    with django_capture_on_commit_callbacks(execute=True):
        first = actions.consultation_remind(consultation=c, actor=people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        second = actions.consultation_remind(consultation=c, actor=people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        third = actions.consultation_remind(consultation=c, actor=people["secretary"])
    reminders = Notification.objects.filter(kind="consult.reminder")
    per_person = list(reminders.values_list("recipient_id", flat=True))
    assert len(per_person) == len(set(per_person)) == first + third and first > 0
    assert second == 0
    assert third == 1  # only the staff member who pressed first had not been reminded
    assert [m.to for m in mail.outbox] == [["neighbour@example.org"]]


def test_publishing_results_twice_tells_each_person_once(people, survey):
    from linli.notify.models import Notification

    c = survey()
    actions.results_publish(consultation=c, actor=people["staff"])
    actions.results_publish(consultation=c, actor=people["staff"])
    told = list(
        Notification.objects.filter(kind="consult.results_published").values_list(
            "recipient_id", flat=True
        )
    )
    assert told and len(told) == len(set(told))


def test_responses_and_answers_carry_the_consultations_neighborhood(people, survey):
    c = survey()
    answer(c, people["resident"])
    assert set(
        Response.objects.filter(consultation=c).values_list("neighborhood_id", flat=True)
    ) == {c.neighborhood_id}
    assert set(
        Answer.objects.filter(response__consultation=c).values_list("neighborhood_id", flat=True)
    ) == {c.neighborhood_id}
