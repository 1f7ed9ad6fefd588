"""Personal API tokens: scopes, revocation, hashed storage, shown once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from linli.api import actions
from linli.api.models import ApiToken


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_token_is_stored_only_as_a_hash(people):
    token, secret = actions.token_create(person=people["resident"], name="script", scope="read")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("linli_") and secret not in (
        stored.token_hash,
        stored.prefix,
        stored.name,
    )
    assert stored.token_hash == actions.hash_token(secret)


def test_read_token_reads_but_does_not_write(people, home):
    _token, secret = actions.token_create(person=people["staff"], name="sheet", scope="read")
    c = Client()
    me = c.get("/api/v1/me", **bearer(secret))
    assert me.status_code == 200 and me.json()["username"] == "staff"
    refused = c.post(
        f"/api/v1/households/{home.pk}/invitation-code", HTTP_ACCEPT_LANGUAGE="en", **bearer(secret)
    )
    assert refused.status_code == 403
    assert "may only read" in refused.json()["detail"]


def test_write_token_writes_without_a_csrf_token(people, home):
    _token, secret = actions.token_create(person=people["staff"], name="letters", scope="write")
    response = Client(enforce_csrf_checks=True).post(
        f"/api/v1/households/{home.pk}/invitation-code", **bearer(secret)
    )
    assert response.status_code == 201 and len(response.json()["code"]) == 12


def test_token_carries_its_owners_permissions_only(people, tree):
    _token, secret = actions.token_create(person=people["resident"], name="x", scope="write")
    response = Client().get(
        f"/api/v1/neighborhoods/{tree.neighborhood.slug}/households", **bearer(secret)
    )
    assert response.status_code == 403


def test_revoked_and_unknown_tokens_are_refused(people):
    token, secret = actions.token_create(person=people["resident"], name="old", scope="read")
    actions.token_revoke(token=token, person=people["resident"])
    assert Client().get("/api/v1/me", **bearer(secret)).status_code == 401
    assert Client().get("/api/v1/me", **bearer("linli_forged")).status_code == 401


def test_only_the_owner_revokes(people):
    token, _secret = actions.token_create(person=people["resident"], name="mine", scope="read")
    with pytest.raises(PermissionDenied):
        actions.token_revoke(token=token, person=people["neighbour"])
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_deactivated_person_token_is_refused(people):
    _token, secret = actions.token_create(person=people["resident"], name="x", scope="read")
    people["resident"].is_active = False
    people["resident"].save()
    assert Client().get("/api/v1/me", **bearer(secret)).status_code == 401


@pytest.mark.parametrize("name,scope", [("", "read"), ("x", "admin")])
def test_bad_token_requests_change_nothing(people, name, scope):
    with pytest.raises(ValidationError):
        actions.token_create(person=people["resident"], name=name, scope=scope)
    assert not ApiToken.objects.exists()


def test_profile_page_shows_the_token_once_and_revokes(login, people):
    c = login(people["resident"])
    page = c.post(
        reverse("tokens:token-list"), {"name": "家庭表格", "scope": "read"}
    ).content.decode()
    token = ApiToken.objects.get(person=people["resident"])
    secret = page.split('<code class="secret">')[1].split("</code>")[0]
    assert actions.hash_token(secret) == token.token_hash
    assert secret not in c.get(reverse("tokens:token-list")).content.decode()
    c.post(reverse("tokens:token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert (
        login(people["neighbour"]).post(reverse("tokens:token-revoke", args=[token.pk])).status_code
        == 403
    )
