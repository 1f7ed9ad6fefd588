"""A free-text answer the spam check holds: kept out of the published results other residents
read until staff release it; the author still sees it in their answer; removal can be appealed."""

from django.urls import reverse

from linli.consult import actions
from linli.consult.models import Answer
from linli.moderation.models import Case
from linli.moderation.testing import HELD, appeal, case_of, decide

from .conftest import choice


def _answer(login, person, c, text):
    q = c.q
    return login(person).post(
        f"/consult/{c.pk}/",
        {
            f"q{q['use'].pk}": choice(q["use"], "不会"),
            f"q{q['multi'].pk}": [choice(q["multi"], "亲子")],
            f"q{q['rating'].pk}": "5",
            f"q{q['number'].pk}": "3",
            f"q{q['why'].pk}": text,
        },
    )


def _published_text(login, person, c):
    return login(person).get(f"/consult/{c.pk}/results/q/{c.q['why'].pk}/").content.decode()


def test_a_held_answer_is_left_out_of_published_results_until_released(people, login, survey, tree):
    c = survey()
    assert _answer(login, people["resident"], c, HELD).status_code == 302
    answer = Answer.objects.get(question=c.q["why"])
    case = case_of(answer)
    assert (case.status, case.hidden, answer.hidden) == ("open", True, True)
    actions.results_publish(consultation=c, actor=people["staff"])
    assert HELD not in _published_text(login, people["neighbour"], c)
    assert HELD in login(people["resident"]).get(f"/consult/{c.pk}/").content.decode()  # author
    queue = login(people["staff"]).get(
        reverse("moderation:case-queue", args=[tree.neighborhood.slug])
    )
    assert HELD in queue.content.decode()
    decide(login(people["staff"]), case, "approve")
    assert not Answer.objects.get(pk=answer.pk).hidden
    assert HELD in _published_text(login, people["neighbour"], c)


def test_the_author_appeals_a_removed_answer(people, login, survey):
    c = survey()
    _answer(login, people["resident"], c, HELD)
    case = case_of(Answer.objects.get(question=c.q["why"]))
    decide(login(people["staff"]), case, "hide")
    assert appeal(login(people["resident"]), case).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN


def test_an_ordinary_answer_is_not_held(people, login, survey):
    c = survey()
    _answer(login, people["resident"], c, "离家太远，周末要加班")
    answer = Answer.objects.get(question=c.q["why"])
    assert not answer.hidden and not Case.objects.filter(object_id=answer.pk).exists()
