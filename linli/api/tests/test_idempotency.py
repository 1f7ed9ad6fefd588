"""`Idempotency-Key` on API writes: a client that retries after a reset connection posts once."""

import json

import pytest
from django.db import connection
from django.test import Client

from linli.api import actions
from linli.api.models import IdempotentRequest
from linli.core.testing import race
from linli.forum.models import Topic

TOPICS = "/api/v1/forum/n/nb/topics"


def bearer(secret, key=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}", "HTTP_ACCEPT_LANGUAGE": "en"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return headers


def post_topic(client, secret, key=None, title="路灯坏了"):
    body = json.dumps({"title": title, "body": "7号楼门口的路灯坏了，晚上很黑。"})
    return client.post(TOPICS, body, content_type="application/json", **bearer(secret, key))


@pytest.fixture
def secret(people):
    return actions.token_create(person=people["resident"], name="phone app", scope="write")[1]


def test_without_a_key_a_retried_write_runs_twice(secret):
    assert post_topic(Client(), secret).status_code == 201
    # Stored again (held for review as a repeated text, but stored).
    assert post_topic(Client(), secret).status_code in (201, 202)
    assert Topic.objects.count() == 2


def test_a_retry_with_the_same_key_gets_the_kept_response_and_writes_nothing(secret):
    first = post_topic(Client(), secret, key="c7b1-0001")
    assert first.status_code == 201 and "Idempotent-Replayed" not in first
    again = post_topic(Client(), secret, key="c7b1-0001")
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Topic.objects.count() == 1


def test_the_same_key_with_another_body_is_refused_and_changes_nothing(secret):
    assert post_topic(Client(), secret, key="c7b1-0002").status_code == 201
    other = post_topic(Client(), secret, key="c7b1-0002", title="电梯坏了")
    assert other.status_code == 422
    assert "already used for a different request" in other.json()["detail"]
    assert list(Topic.objects.values_list("title", flat=True)) == ["路灯坏了"]


def test_a_key_belongs_to_who_sent_it(secret, people):
    other = actions.token_create(person=people["neighbour"], name="app", scope="write")[1]
    assert post_topic(Client(), secret, key="same-key").status_code == 201
    mine = post_topic(Client(), other, key="same-key")
    assert mine.status_code in (201, 202) and "Idempotent-Replayed" not in mine
    assert Topic.objects.count() == 2


def test_the_browser_session_may_send_a_key_too(people, login, client):
    login(people["resident"])
    client.get("/")  # the CSRF cookie
    body = json.dumps({"title": "路灯坏了", "body": "7号楼门口的路灯坏了，晚上很黑。"})
    headers = {
        "HTTP_IDEMPOTENCY_KEY": "browser-1",
        "HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value,
    }
    first = client.post(TOPICS, body, content_type="application/json", **headers)
    again = client.post(TOPICS, body, content_type="application/json", **headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert Topic.objects.count() == 1
    assert IdempotentRequest.objects.get().owner == f"person:{people['resident'].pk}"


def test_a_refusal_is_not_kept_and_the_corrected_request_runs_with_the_same_key(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["resident"], backend="django.contrib.auth.backends.ModelBackend")
    client.get("/")  # the CSRF cookie
    body = json.dumps({"title": "路灯坏了", "body": "7号楼门口的路灯坏了，晚上很黑。"})
    refused = client.post(
        TOPICS, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="fix-and-retry"
    )
    assert refused.status_code == 403  # no CSRF token
    corrected = client.post(
        TOPICS,
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="fix-and-retry",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert corrected.status_code == 201 and "Idempotent-Replayed" not in corrected
    assert Topic.objects.count() == 1


def test_a_key_longer_than_255_characters_is_refused(secret):
    assert post_topic(Client(), secret, key="k" * 256).status_code == 422
    assert not IdempotentRequest.objects.exists()


def test_a_kept_response_expires_after_a_day(secret):
    from datetime import timedelta

    from django.utils import timezone

    post_topic(Client(), secret, key="old")
    IdempotentRequest.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    again = post_topic(Client(), secret, key="old")
    assert again.status_code in (201, 202) and "Idempotent-Replayed" not in again
    assert Topic.objects.count() == 2


def test_the_api_description_tells_clients_how_to_retry(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "Idempotency-Key" in schema["info"]["description"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_threads_sending_the_same_key_at_once_post_one_topic(people):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")
    secret = actions.token_create(person=people["resident"], name="app", scope="write")[1]
    responses = race(8, lambda i: post_topic(Client(), secret, key="one-tap"))
    assert all(not isinstance(r, Exception) for r in responses), responses
    assert [r.status_code for r in responses] == [201] * 8
    assert len({r.content for r in responses}) == 1
    assert sum(r.get("Idempotent-Replayed") == "true" for r in responses) == 7
    assert Topic.objects.count() == 1
