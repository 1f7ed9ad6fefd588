"""Real concurrency on PostgreSQL: two of the committee escalate one request at the same
moment; it is with the street once, and the other gets a clear refusal."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from linli.core.testing import race
from linli.street import actions
from linli.street.models import Escalation

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def test_one_request_escalated_twice_at_once_is_with_the_street_once(people, submit):
    request = submit()
    who = [people["staff"], people["secretary"]] * 2
    results = race(
        4,
        lambda i: actions.escalation_create(
            request=request, actor=who[i], reason="需要房管办鉴定，居委会无法单独解决。"
        ),
    )
    made = [r for r in results if isinstance(r, Escalation)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 3, results
    assert {e.code for e in refused} == {"open"}
    assert Escalation.objects.filter(request=request).count() == 1
