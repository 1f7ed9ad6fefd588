"""Input no form expects (a NUL character, a 100,000-character user name) gets a normal answer,
never a 500. PostgreSQL refuses NUL in text and values longer than their column, so these
tests matter most there (DATABASE_URL=postgres://…)."""

import pytest
from django.urls import reverse


def test_search_query_drops_nul_and_control_characters_and_is_bounded():
    from linli.core.search import search_query

    assert search_query("\x00") == ""
    assert search_query(" 张\x00三\x1f ") == "张三"
    assert search_query("a" * 500) == "a" * 50
    assert search_query(None) == ""


@pytest.mark.parametrize("q", ["%00", "101%00", "%00%00%01"])
def test_a_nul_in_the_household_search_is_ignored(login, people, tree, q):
    url = reverse("community:household-list", args=[tree.neighborhood.slug])
    response = login(people["staff"]).get(f"{url}?q={q}")
    assert response.status_code == 200


def test_a_sign_in_with_a_100000_character_user_name_is_a_form_error(client, people):
    from axes.models import AccessAttempt

    response = client.post(
        reverse("login"), {"username": "a" * 100_000, "password": "whatever-it-is"}
    )
    assert response.status_code in (200, 400)
    assert "a" * 151 not in response.content.decode()
    assert not AccessAttempt.objects.filter(username__startswith="aaaa").exists()
    assert "_auth_user_id" not in client.session


def test_a_sign_in_with_a_nul_in_the_user_name_is_a_form_error(client, people):
    response = client.post(reverse("login"), {"username": "resident\x00", "password": "x"})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("building", ["²", "99999999999999999999", "1%00"])
def test_an_odd_building_filter_shows_every_building(login, people, tree, building):
    url = reverse("community:household-list", args=[tree.neighborhood.slug])
    assert login(people["staff"]).get(f"{url}?building={building}").status_code == 200
