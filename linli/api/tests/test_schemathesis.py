"""Schemathesis over the whole OpenAPI document of the running app, in-process (WSGI).

Every operation of every app's router is called with generated input (examples, coverage
and fuzzing phases; positive and negative data) as committee staff of `nb`, with a session
and a CSRF token so writes are tried too; again (fuzzing only) as a resident of `nb`; the
operations open to anonymous callers are fuzzed anonymously as well, and every operation
that needs a person must answer nobody with a 401. Checks: no 5xx, every status and content
type is documented, bodies conform to the declared schemas (response_schema_conformance),
input that breaks the schema is refused with a 4xx.

The neighborhood holds one of each thing the API answers about (`content`: a talent with
an invitation, a consultation with an answer, a reception day with a booked slot, a
request, a space), and generated path and query values are mostly swapped for real ids and
slugs: bodies are only checked when there is a body to check (an empty neighborhood
answered 404 and [] to nearly everything, and two documented shapes were wrong unseen).

Bounded for `make test`: a fixed seed (every run tries the same cases), no probing of
undeclared methods (ninja answers those with a 405), at most 25 fuzzed examples per
operation and caller, fewer (never under 10) once the document is so large that 25 each
would take the run past about a minute of CPU on the 2-core machine; the resident's run
skips the example and coverage phases (they try the input rules, which the staff run
already covers, and not who is asking).
"""

import re
import zlib
from datetime import date, time, timedelta

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client, override_settings
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
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
FUZZED = 2 * len(OPERATIONS) + sum(
    1 for op in OPERATIONS if not needs_sign_in(op)
)  # as staff, as a resident, and anonymously where open
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


def _session(client, person):
    """Headers and cookies of someone signed in: a session and a CSRF token."""
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    headers, cookies = _csrf()
    return headers, {**cookies, "sessionid": client.cookies["sessionid"].value}


@pytest.fixture
def staff(people, client):
    return _session(client, people["staff"])


@pytest.fixture
def resident(people, client):
    """A resident of `nb` who holds the talent profile, the slot, the answer and the request of `content`."""
    return _session(client, people["resident"])


@pytest.fixture
def content(tree, people):
    """One of each thing the API answers about in `nb`, so that responses carry bodies to check.

    A talent with an invitation, a consultation with an answer, a reception day with a booked
    slot and a request: without them most operations answer 404 or an empty list, and a body
    that breaks its documented schema is never seen.
    """
    from linli.consult import actions as consult
    from linli.office import actions as office
    from linli.office.actions.reception import slot_starts
    from linli.office.models import Category, Party
    from linli.spaces.models import Space
    from linli.talent import actions as talent

    nb, staff, resident = tree.neighborhood, people["staff"], people["resident"]
    skill = talent.skill_create(neighborhood=nb, name="设计", actor=staff)
    profile = talent.profile_save(person=resident, skills=[skill], consent=True)
    invitation = talent.invitation_create(
        profile=profile, target_kind="topic", target_label="加装电梯", actor=staff
    )
    now = timezone.now()
    survey = consult.consultation_create(
        neighborhood=nb,
        actor=staff,
        title="一米会客厅需求调查",
        opens_at=now + timedelta(hours=1),  # questions are added before answering opens
        closes_at=now + timedelta(days=7),
    )
    question = consult.question_add(
        consultation=survey, actor=staff, kind="single", text="会使用吗？", choices=["会", "不会"]
    )
    type(survey).objects.filter(pk=survey.pk).update(opens_at=now - timedelta(hours=1))
    survey.refresh_from_db()
    consult.response_submit(
        consultation=survey, actor=resident, answers={question.pk: [question.choices.first().pk]}
    )
    room = Space.objects.create(
        neighborhood=nb,
        name="一米会客厅",
        area=25,
        capacity=12,
        opens_at=time(8),
        closes_at=time(21),
    )
    today = timezone.localdate()
    series = office.reception_day_create(
        actor=people["secretary"],
        neighborhood=nb,
        months=2,
        title="书记会客日",
        space=room,
        weekday=5,
        week_of_month=2,
        start_time=time(9),
        end_time=time(11, 30),
        slot_minutes=15,
        starts_on=date(today.year, today.month, 1),
    )
    day = series.occurrences.filter(starts_at__gt=now).order_by("starts_at").first()
    slot = office.slot_book(
        occurrence=day, person=resident, starts_at=slot_starts(day)[0], subject="加装电梯"
    )
    category = Category.objects.create(
        neighborhood=nb,
        code="lift-repair",
        name="电梯故障",
        party=Party.PROPERTY_MANAGER,
        accept_hours=2,
        resolve_hours=48,
    )
    request = office.request_submit(
        reporter=resident, neighborhood=nb, category=category, description="电梯又停了。"
    )
    return {
        "skill": [skill.pk],
        "profile_id": [profile.pk],
        "invitation_id": [invitation.pk],
        "consultation_id": [survey.pk],
        "occurrence_id": [day.pk],
        "slot_id": [slot.pk],
        "request_id": [request.pk],
    }


@pytest.fixture
def known(tree, other_tree, people, content):
    """Real path and query values, so that generated requests get past the 404s to the rules and the data."""
    homes = [h for t in (tree, other_tree) for b in t.buildings for h in b.homes]
    return {
        "slug": ["nb", "other"],
        "neighborhood": ["nb", "other"],
        "household_id": [h.pk for h in homes],
        **content,
    }


def _aim(case, known):
    """Swap most valid generated path and query values for real ones (deterministically; negative ones are left alone)."""
    for location, values in (
        (ParameterLocation.PATH, case.path_parameters),
        (ParameterLocation.QUERY, case.query),
    ):
        if not values or (case.meta is not None and case.meta.is_negative_at(location)):
            continue
        for name, value in values.items():
            choices = known.get(name)
            if choices:
                n = zlib.crc32(repr(value).encode()) % (len(choices) + 1)
                if n < len(choices):
                    values[name] = choices[n]


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


@schema.parametrize()
@settings(SHARED_FIXTURES, phases=[Phase.generate])
def test_as_a_resident(case, resident, known, wsgi_app):
    headers, cookies = resident
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
