import json

import pytest

from linli.consult.models import Response

from .conftest import choice, set_open


def put(client, url, data):
    return client.put(url, data=json.dumps(data), content_type="application/json")


def test_a_resident_answers_through_the_api(people, login, survey):
    c = survey()
    client = login(people["resident"])
    qs = client.get(f"/api/v1/consultations/{c.pk}/questions").json()
    assert [q["kind"] for q in qs] == ["single", "text", "multiple", "ranking", "rating", "number"]
    r = put(
        client,
        f"/api/v1/consultations/{c.pk}/answer",
        {
            "answers": [
                {"question": c.q["use"].pk, "choices": [choice(c.q["use"], "会")]},
                {"question": c.q["rating"].pk, "number": 4},
            ]
        },
    )
    assert r.status_code == 200, r.content
    assert client.get(f"/api/v1/consultations/{c.pk}/answer").json()["answers"][1]["number"] in (
        "4.00",
        4,
        "4",
    )
    assert client.get("/api/v1/consultations/n/nb").json()["items"][0]["response_count"] == 1


@pytest.mark.parametrize(
    "answers,status",
    [
        ([{"question": 1, "choices": ["x"]}], 422),
        ([{"question": 10**9}], 403),
        ("nope", 422),
        ([{"question": -1}], 422),
    ],
)
def test_bad_answers_are_4xx_with_a_detail(people, login, survey, answers, status):
    c = survey()
    if answers and isinstance(answers, list) and answers[0].get("question") == 1:
        answers[0]["question"] = c.q["use"].pk
    r = put(login(people["resident"]), f"/api/v1/consultations/{c.pk}/answer", {"answers": answers})
    assert r.status_code == status and r.json()["detail"]
    assert not Response.objects.exists()


def test_answering_a_closed_consultation_is_refused(people, login, survey):
    c = set_open(survey(), "closed")
    r = put(
        login(people["resident"]),
        f"/api/v1/consultations/{c.pk}/answer",
        {"answers": [{"question": c.q["use"].pk, "choices": [choice(c.q["use"], "会")]}]},
    )
    assert r.status_code == 422 and r.json()["detail"] == "本次征集已经截止。"


def test_participation_api_is_for_staff_and_leaders(people, login, survey, tree):
    c = survey()
    assert (
        login(people["resident"]).get(f"/api/v1/consultations/{c.pk}/participation").status_code
        == 403
    )
    rows = login(people["leader"]).get(f"/api/v1/consultations/{c.pk}/participation").json()
    assert [r["building_id"] for r in rows] == [tree.buildings[0].pk]


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_participation_api_answers_the_shape_it_documents(people, login, survey, who):
    """Households and residents heard per building (decide's `eligible`/`voted` stood in for it)."""
    from linli.api.tests.documented import assert_documented

    c = survey()
    response = login(people[who]).get(f"/api/v1/consultations/{c.pk}/participation")
    assert response.status_code == 200 and response.json()
    assert_documented(response, "/api/v1/consultations/{consultation_id}/participation")


def test_results_api_answers_the_shape_it_documents(people, login, survey):
    """The results had no documented shape at all: counts per choice, numbers, ratings, texts."""
    from linli.api.tests.documented import assert_documented

    from .test_actions import answer

    c = survey()
    answer(c, people["resident"], {c.q["rank"].pk: [ch.pk for ch in c.q["rank"].choices.all()]})
    response = login(people["staff"]).get(f"/api/v1/consultations/{c.pk}/results")
    assert response.status_code == 200
    assert_documented(response, "/api/v1/consultations/{consultation_id}/results")
    body = response.json()
    kinds = {q["kind"]: q for q in body["questions"]}
    assert body["responses"] == 1 and kinds["ranking"]["choices"][0]["average_rank"] == 1
    assert kinds["rating"]["distribution"]["4"] == 1 and kinds["number"]["average"] == "2.00"
    assert "choices" not in kinds["rating"] and "distribution" not in kinds["number"]
