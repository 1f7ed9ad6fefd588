"""Check-in codes cannot be guessed: same answer for a wrong code and for someone not
registered, attempts limited per person and per activity, codes of eight digits."""

import pytest
from django.core.exceptions import ValidationError

from linli.activities import actions
from linli.activities.models import Activity, new_checkin_code

from .conftest import starting_now

pytestmark = pytest.mark.django_db


def wrong(code):
    return "00000000" if code != "00000000" else "11111111"


def refusal(activity, person, code):
    with pytest.raises(ValidationError) as error:
        actions.checkin_with_code(activity=activity, person=person, code=code)
    return error.value.code, error.value.messages


def test_someone_not_registered_gets_the_same_answer_for_the_right_and_a_wrong_code(
    people, make_activity
):
    a = starting_now(make_activity())
    right = refusal(a, people["neighbour"], a.checkin_code)
    assert right == refusal(a, people["neighbour"], wrong(a.checkin_code))
    assert right[0] == "wrong_code"


def test_someone_on_the_waiting_list_gets_the_same_answer_as_a_wrong_code(people, make_activity):
    a = make_activity(capacity=1)
    actions.registration_create(activity=a, person=people["resident"])
    actions.registration_create(activity=a, person=people["neighbour"])  # waiting
    a = starting_now(a)
    assert refusal(a, people["neighbour"], a.checkin_code) == refusal(
        a, people["neighbour"], wrong(a.checkin_code)
    )


def test_a_person_who_guesses_wrong_too_often_is_stopped_even_with_the_right_code(
    people, make_activity
):
    a = make_activity()
    actions.registration_create(activity=a, person=people["resident"])
    a = starting_now(a)
    for _ in range(actions.CHECKIN_TRIES_PER_PERSON):
        assert refusal(a, people["resident"], wrong(a.checkin_code))[0] == "wrong_code"
    assert refusal(a, people["resident"], a.checkin_code)[0] == "too_many"
    assert Activity.objects.get(pk=a.pk).checked_in == 0
    # The organisers can still check them in.
    registration = a.registrations.get(person=people["resident"])
    actions.checkin_by_staff(registration=registration, actor=people["staff"])
    assert Activity.objects.get(pk=a.pk).checked_in == 1


def test_many_people_guessing_one_activity_are_stopped_together(people, make_activity):
    a = make_activity()
    actions.registration_create(activity=a, person=people["resident"])
    a = starting_now(a)
    names = "secretary staff leader housemate neighbour far_resident owners property"
    guessers = [people[n] for n in (names + " street_staff other_staff unverified").split()]
    tries = 0
    for person in guessers:
        for _ in range(actions.CHECKIN_TRIES_PER_PERSON):
            if tries < actions.CHECKIN_TRIES_PER_ACTIVITY:
                assert refusal(a, person, wrong(a.checkin_code))[0] == "wrong_code"
                tries += 1
    assert tries == actions.CHECKIN_TRIES_PER_ACTIVITY
    assert refusal(a, people["resident"], a.checkin_code)[0] == "too_many"


def test_check_in_codes_have_eight_digits(people, make_activity):
    assert len(make_activity().checkin_code) == 8
    codes = {new_checkin_code() for _ in range(50)}
    assert all(len(c) == 8 and c.isdigit() for c in codes) and len(codes) > 45
