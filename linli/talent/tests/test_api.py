"""/api/v1/talent/: the same rules as the pages; bad input is a 4xx with a detail."""

import pytest

from linli.talent.models import Invitation, TalentProfile

API = "/api/v1/talent"


def test_profiles_list_respects_visibility_and_contact(login, people, tree, talents):
    rows = login(people["resident"]).get(f"{API}/profiles?neighborhood=nb").json()["items"]
    assert [r["name"] for r in rows] == ["Neighbour"]
    assert rows[0]["phone"] is None and rows[0]["building"] is None
    rows = {
        r["name"]: r
        for r in login(people["staff"]).get(f"{API}/profiles?neighborhood=nb").json()["items"]
    }
    assert rows["Neighbour"]["phone"] == "13900000000" and rows["Far_Resident"]["phone"] is None
    assert rows["Far_Resident"]["building"]


@pytest.mark.parametrize(
    "who,status",
    [("anonymous", 401), ("unverified", 403), ("street_staff", 403), ("other_staff", 403)],
)
def test_profiles_list_refuses_outsiders(client, login, people, talents, who, status):
    c = client if who == "anonymous" else login(people[who])
    response = c.get(f"{API}/profiles?neighborhood=nb")
    assert response.status_code == status and "detail" in response.json()


def test_profile_detail_hides_committee_only_profile_from_residents(login, people, talents):
    assert (
        login(people["resident"]).get(f"{API}/profiles/{talents['lawyer'].pk}").status_code == 403
    )
    assert login(people["staff"]).get(f"{API}/profiles/{talents['lawyer'].pk}").status_code == 200
    assert login(people["staff"]).get(f"{API}/profiles/999999").status_code == 404


def test_declare_and_withdraw_through_the_api(login, people, skills):
    c = login(people["resident"])
    body = {
        "skills": [skills["法律"].pk],
        "help_kinds": ["advice"],
        "visibility": "residents",
        "consent": False,
    }
    response = c.put(f"{API}/me", body, content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"]
    assert (
        c.put(
            f"{API}/me",
            {**body, "skills": [999999], "consent": True},
            content_type="application/json",
        ).status_code
        == 422
    )
    assert (
        c.put(
            f"{API}/me",
            {**body, "help_kinds": ["juggling"], "consent": True},
            content_type="application/json",
        ).status_code
        == 422
    )
    assert not TalentProfile.objects.exists()
    response = c.put(f"{API}/me", {**body, "consent": True}, content_type="application/json")
    assert response.status_code == 200 and response.json()["active"] is True
    assert c.post(f"{API}/me/withdraw").status_code == 204
    assert c.get(f"{API}/me").json()["active"] is False
    assert login(people["staff"]).get(f"{API}/profiles?neighborhood=nb").json()["count"] == 0


def test_match_is_for_staff(login, people, talents):
    rows = login(people["staff"]).get(f"{API}/match?neighborhood=nb&q=物业纠纷&circles=律师").json()
    assert rows[0]["profile"]["name"] == "Far_Resident" and rows[0]["score"] > 0
    assert login(people["resident"]).get(f"{API}/match?neighborhood=nb&q=律师").status_code == 403


def test_invite_and_answer_through_the_api(login, people, talents):
    c = login(people["staff"])
    body = {
        "profile": talents["designer"].pk,
        "target_kind": "consultation",
        "target_label": "绿化意见征集",
        "target_id": 3,
    }
    response = c.post(f"{API}/invitations", body, content_type="application/json")
    assert response.status_code == 201
    assert c.post(f"{API}/invitations", body, content_type="application/json").status_code == 422
    assert (
        c.post(
            f"{API}/invitations", {**body, "target_kind": "party"}, content_type="application/json"
        ).status_code
        == 422
    )
    invitation_id = response.json()["id"]
    assert (
        login(people["resident"])
        .post(
            f"{API}/invitations/{invitation_id}/respond",
            {"accept": True},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    mine = login(people["neighbour"]).get(f"{API}/invitations").json()
    assert mine["count"] == 1
    answered = login(people["neighbour"]).post(
        f"{API}/invitations/{invitation_id}/respond",
        {"accept": True, "note": "好"},
        content_type="application/json",
    )
    assert answered.status_code == 200 and answered.json()["status"] == "accepted"
    assert (
        login(people["staff"])
        .get(f"{API}/invitations?neighborhood=nb&status=accepted")
        .json()["count"]
        == 1
    )
    assert login(people["resident"]).get(f"{API}/invitations?neighborhood=nb").status_code == 403


def test_inviting_withdrawn_talent_is_422_and_changes_nothing(login, people, talents):
    login(people["far_resident"]).post(f"{API}/me/withdraw")
    response = login(people["staff"]).post(
        f"{API}/invitations",
        {"profile": talents["lawyer"].pk, "target_kind": "topic", "target_label": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (
        response.status_code == 422
        and response.json()["detail"] == "Far_Resident has withdrawn consent and cannot be invited."
    )
    assert Invitation.objects.count() == 0


def test_skills_are_public_and_staff_add_them(client, login, people, skills):
    assert client.get(f"{API}/skills?neighborhood=nb").json()["count"] == 4
    assert (
        login(people["resident"])
        .post(f"{API}/skills?neighborhood=nb", {"name": "木工"}, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        login(people["staff"])
        .post(f"{API}/skills?neighborhood=nb", {"name": "木工"}, content_type="application/json")
        .status_code
        == 201
    )
    assert (
        login(people["staff"])
        .post(f"{API}/skills?neighborhood=nb", {"name": "木工"}, content_type="application/json")
        .status_code
        == 422
    )


def test_invitations_are_filtered_and_answered_with_the_input_the_api_documents(talents):
    """The document described moderation's case statuses and consult's answers here instead."""
    from linli.api.tests.documented import document

    operations = document()["paths"]
    [status] = [
        p for p in operations[f"{API}/invitations"]["get"]["parameters"] if p["name"] == "status"
    ]
    assert status["schema"]["anyOf"][0]["enum"] == ["pending", "accepted", "declined"]
    body = operations[f"{API}/invitations/{{invitation_id}}/respond"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(document()["components"]["schemas"][ref]["properties"]) == {"accept", "note"}


def test_match_text_is_bounded_so_that_the_longest_valid_request_reaches_linli(login, people):
    """A 5,000-character text made a URL the server (gunicorn) refused with an undocumented 414."""
    client = login(people["staff"])
    assert client.get(f"{API}/match", {"neighborhood": "nb", "q": "电梯" * 200}).status_code == 200
    too_long = client.get(f"{API}/match", {"neighborhood": "nb", "q": "电梯" * 200 + "坏"})
    assert too_long.status_code == 422 and too_long.json()["detail"]
