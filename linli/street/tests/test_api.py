"""/api/v1/street/: the same actions and rules as the pages; bad input is a clear 4xx and
changes nothing; lists cost a constant number of queries."""

import json

import pytest

from linli.community.testing import make_tree
from linli.street.models import Department, Escalation


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_committee_escalates_and_the_street_routes_and_answers_through_the_api(
    submit, people, tree, login, departments, client
):
    request = submit()
    staff = login(people["staff"])
    made = _post(
        staff, f"/api/v1/street/requests/{request.pk}/escalate", {"reason": "需要房管办鉴定。"}
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["status"] == "escalated" and made.json()["neighborhood"] == "nb"
    street = login(people["street_staff"])
    routed = _post(
        street,
        f"/api/v1/street/escalations/{pk}/route",
        {"department_id": departments["housing"].pk, "note": "三日内到场"},
    )
    assert routed.status_code == 200 and routed.json()["department"] == "房屋管理办公室"
    answered = _post(
        street, f"/api/v1/street/escalations/{pk}/answer", {"text": "已鉴定，下周维修。"}
    )
    assert answered.json()["status"] == "resolved"
    listed = street.get(f"/api/v1/street/s/{tree.street.pk}/escalations?status=resolved")
    assert [row["id"] for row in listed.json()["items"]] == [pk]


def test_street_staff_cannot_escalate_and_committee_cannot_route(
    submit, people, login, departments
):
    request = submit()
    refused = _post(
        login(people["street_staff"]),
        f"/api/v1/street/requests/{request.pk}/escalate",
        {"reason": "街道自己上报给自己。"},
    )
    assert refused.status_code == 403 and not Escalation.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{}, {"reason": ""}, {"reason": "x" * 1001}, [1, 2], {"reason": "短"}],
)
def test_bad_input_is_refused_and_changes_nothing(submit, people, login, body):
    request = submit()
    response = _post(login(people["staff"]), f"/api/v1/street/requests/{request.pk}/escalate", body)
    assert response.status_code in (400, 422), response.status_code
    assert "detail" in response.json() or "errors" in response.json() or response.json()
    assert not Escalation.objects.exists()


def test_a_department_of_another_street_is_refused_with_a_message(
    submit, people, login, departments
):
    from linli.street import actions

    e = actions.escalation_create(request=submit(), actor=people["staff"], reason="需要街道协调。")
    response = _post(
        login(people["street_staff"]),
        f"/api/v1/street/escalations/{e.pk}/route",
        {"department_id": departments["foreign"].pk},
    )
    assert response.status_code == 422
    assert "部门" in json.dumps(response.json(), ensure_ascii=False)
    e.refresh_from_db()
    assert e.status == "escalated"


def test_departments_are_added_by_street_staff(people, tree, login):
    street = login(people["street_staff"])
    made = _post(
        street,
        f"/api/v1/street/s/{tree.street.pk}/departments",
        {"name": "城管中队", "resolve_hours": 72},
    )
    assert made.status_code == 201 and Department.objects.filter(name="城管中队").exists()
    assert [
        d["name"] for d in street.get(f"/api/v1/street/s/{tree.street.pk}/departments").json()
    ] == ["城管中队"]
    zero = _post(
        street, f"/api/v1/street/s/{tree.street.pk}/departments", {"name": "x", "resolve_hours": 0}
    )
    assert zero.status_code == 422 and not Department.objects.filter(name="x").exists()


def test_the_overview_api_costs_the_same_queries_for_more_neighborhoods(
    people, tree, other_tree, login, django_assert_max_num_queries
):
    street = login(people["street_staff"])
    url = f"/api/v1/street/s/{tree.street.pk}/neighborhoods"
    first = street.get(url).json()
    assert {row["slug"] for row in first["items"]} == {"nb", "other"}
    for n in range(5):
        make_tree(f"m{n}", street=tree.street, buildings=1)
    street.get(url)
    with django_assert_max_num_queries(12):
        body = street.get(url).json()
    assert body["count"] == 7 and len(body["items"]) == 7
