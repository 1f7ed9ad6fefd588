"""The read-replica router: reads to the replica, writes and reads-after-write to the primary."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from linli.community.models import Neighborhood
from linli.core import dbrouter

router = dbrouter.ReplicaRouter()


def _in_request(method="GET", *, cookie=False, body=lambda: None):
    """Run `body` inside the middleware as one request; → (the response, what body returned)."""
    seen = {}

    def view(request):
        seen["value"] = body()
        return HttpResponse("ok")

    request = getattr(RequestFactory(), method.lower())("/")
    if cookie:
        request.COOKIES[dbrouter.COOKIE] = "1"
    response = dbrouter.ReplicaPinMiddleware(view)(request)
    return response, seen["value"]


def test_reads_outside_a_request_go_to_the_primary():
    assert router.db_for_read(Neighborhood) == "default"


def test_reads_of_a_get_request_go_to_the_replica_and_set_no_cookie():
    response, db = _in_request(body=lambda: router.db_for_read(Neighborhood))
    assert db == "replica"
    assert dbrouter.COOKIE not in response.cookies


def test_after_a_write_the_rest_of_the_request_reads_the_primary_and_the_writer_is_pinned():
    def body():
        before = router.db_for_read(Neighborhood)
        assert router.db_for_write(Neighborhood) == "default"
        return before, router.db_for_read(Neighborhood)

    response, (before, after) = _in_request(body=body)
    assert (before, after) == ("replica", "default")
    pin = response.cookies[dbrouter.COOKIE]
    assert pin["max-age"] == dbrouter.pin_seconds() and pin["httponly"]


def test_a_post_reads_the_primary_from_its_start_even_if_it_writes_in_raw_sql():
    response, db = _in_request("POST", body=lambda: router.db_for_read(Neighborhood))
    assert db == "default"
    assert dbrouter.COOKIE in response.cookies


def test_the_writers_next_requests_read_the_primary_while_the_cookie_lasts():
    _response, db = _in_request(cookie=True, body=lambda: router.db_for_read(Neighborhood))
    assert db == "default"


def test_the_request_state_does_not_leak_into_the_next_request():
    _in_request(body=lambda: router.db_for_write(Neighborhood))
    _response, db = _in_request(body=lambda: router.db_for_read(Neighborhood))
    assert db == "replica"
    assert router.db_for_read(Neighborhood) == "default"  # and outside any request


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_on_the_primary_stay_on_the_primary():
    def body():
        with transaction.atomic():
            return router.db_for_read(Neighborhood)

    assert _in_request(body=body)[1] == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "forum")
    assert not router.allow_migrate("replica", "forum")
