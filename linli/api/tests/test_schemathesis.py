"""Schemathesis over the whole OpenAPI document of the running app, in-process (WSGI).

Every operation of every app's router is called with generated input (examples, coverage
and fuzzing phases; positive and negative data) as committee staff of `nb`, with a session
and a CSRF token so writes are tried too; the operations open to anonymous callers are
fuzzed anonymously as well, and every operation that needs a person must answer nobody
with a 401. Checks: no 5xx, every status and content type is documented, bodies conform to
the declared schemas, input that breaks the schema is refused with a 4xx.

Bounded for `make test`: a fixed seed (every run tries the same cases), no probing of
undeclared methods (ninja answers those with a 405), and at most 25 fuzzed examples per
operation and caller, fewer (never under 10) once the document is so large that 25 each
would take the run past about a minute of CPU on the 2-core machine.
"""

import re
import zlib

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client, override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from linli.api.api import admits_anonymous

HOST = "localhost"  # what schemathesis' WSGI client sends
BUDGET = 2500  # fuzzed examples over the whole run (≈ 15 ms of CPU each; the coverage phase comes on top)

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 2026,
        # The WSGI test client does not decompress, and GZipMiddleware would answer in gzip.
        "headers": {"Accept-Encoding": "identity"},
        "generation": {
            "deterministic": True,
            "database": "none",
            # The session cookie is ours to set (see the callers below), not generated.
            "with-security-parameters": False,
        },
        "phases": {"coverage": {"unexpected-methods": []}},
    }
)
with override_settings(ALLOWED_HOSTS=[HOST]):
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
    )

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def needs_sign_in(operation):
    return not admits_anonymous(operation.definition.raw)


public = schema.include(lambda ctx: not needs_sign_in(ctx.operation))
OPERATIONS = [
    result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)
]  # broken ones fail below
FUZZED = len(OPERATIONS) + sum(
    1 for op in OPERATIONS if not needs_sign_in(op)
)  # as staff, and anonymously where open
MAX_EXAMPLES = max(10, min(25, BUDGET // FUZZED))
CONFIG.projects.default.generation.update(max_examples=MAX_EXAMPLES)


@pytest.fixture
def wsgi_app(db, settings):
    """Requests run inside the test's transaction: keep Django from closing the connection after each."""
    from django.core import signals
    from django.db import close_old_connections

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schema.app
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _csrf():
    token = _get_new_csrf_string()
    return {"X-CSRFToken": token}, {"csrftoken": token}


@pytest.fixture
def staff(people, client):
    """Headers and cookies of committee staff of `nb`: a session and a CSRF token."""
    client.force_login(people["staff"], backend="django.contrib.auth.backends.ModelBackend")
    headers, cookies = _csrf()
    return headers, {**cookies, "sessionid": client.cookies["sessionid"].value}


@pytest.fixture
def known(tree, other_tree, people):
    """Real path values, so that generated requests get past the 404s to the rules and the data."""
    homes = [h for t in (tree, other_tree) for b in t.buildings for h in b.homes]
    return {"slug": ["nb", "other"], "household_id": [h.pk for h in homes]}


def _aim(case, known):
    """Swap most valid generated path values for real ones (deterministically; negative ones are left alone)."""
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.PATH):
        return
    for name, value in (case.path_parameters or {}).items():
        choices = known.get(name)
        if choices:
            n = zlib.crc32(repr(value).encode()) % (len(choices) + 1)
            if n < len(choices):
                case.path_parameters[name] = choices[n]


# The tree, the people and the session are shared by the examples on purpose; writes pile up
# inside the test's transaction, as they would in a real session.
SHARED_FIXTURES = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@schema.parametrize()
@SHARED_FIXTURES
def test_as_staff(case, staff, known, wsgi_app):
    headers, cookies = staff
    _aim(case, known)
    case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)


@public.parametrize()
@SHARED_FIXTURES
def test_anonymously(case, known, wsgi_app):
    headers, cookies = _csrf()
    _aim(case, known)
    case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)


@pytest.mark.parametrize(
    "operation", [op for op in OPERATIONS if needs_sign_in(op)], ids=lambda op: op.label
)
def test_nobody_is_asked_to_sign_in(operation, db):
    """Sign-in comes before anything else: whatever the input, nobody gets a 401 (writes too, with a CSRF token)."""
    client = Client(enforce_csrf_checks=True)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    path = re.sub(r"\{[^}]+\}", "1", operation.full_path)
    response = client.generic(operation.method.upper(), path, headers={"X-CSRFToken": token})
    assert response.status_code == 401, (
        operation.label,
        response.status_code,
        response.content[:200],
    )
    assert response.json()["detail"]
