"""Plain-SQL writes and reads for hot paths: the same rows and instances as the ORM, on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.api.models import ApiToken
from linli.community.models import Building, Household, Resident
from linli.core import pagecache, sql

pytestmark = pytest.mark.django_db


def _token(person, **fields):
    return ApiToken.objects.create(
        person=person,
        name="t",
        prefix="abcd",
        token_hash=fields.pop("token_hash", "h" * 64),
        scope="write",
        **fields,
    )


def test_insert_new_inserts_once_and_then_reports_the_conflict(people):
    values = {
        "person_id": people["resident"].pk,
        "name": "脚本",
        "prefix": "p1",
        "token_hash": "a" * 64,
        "scope": "read",
        "created_at": timezone.now(),
        "last_used_at": None,
        "revoked_at": None,
    }
    pk = sql.insert_new(ApiToken, values, unique=("token_hash",))
    assert pk is not None
    stored = ApiToken.objects.get(pk=pk)
    assert (stored.person_id, stored.name, stored.scope, stored.last_used_at) == (
        people["resident"].pk,
        "脚本",
        "read",
        None,
    )
    assert sql.insert_new(ApiToken, {**values, "name": "another"}, unique=("token_hash",)) is None
    assert ApiToken.objects.filter(token_hash="a" * 64).count() == 1
    assert ApiToken.objects.get(pk=pk).name == "脚本"  # the conflict changed nothing


def test_insert_rows_increment_and_update_row(people):
    now = timezone.now()
    rows = [(people["resident"].pk, f"t{i}", "pre", f"{i}" * 64, "read", now) for i in range(3)]
    sql.insert_rows(
        ApiToken, ("person", "name", "prefix", "token_hash", "scope", "created_at"), rows
    )
    tokens = list(ApiToken.objects.filter(person=people["resident"]).order_by("name"))
    assert [t.name for t in tokens] == ["t0", "t1", "t2"]
    assert sql.update_row(ApiToken, tokens[1].pk, last_used_at=now, scope="write") == 1
    tokens[1].refresh_from_db()
    assert (tokens[1].scope, tokens[1].last_used_at) == ("write", now)
    assert ApiToken.objects.get(pk=tokens[0].pk).last_used_at is None

    building = people["resident"].household.building
    before = Building.objects.get(pk=building.pk).resident_count
    assert sql.increment(Building, "resident_count", by=2, id=building.pk) == 1
    assert Building.objects.get(pk=building.pk).resident_count == before + 2
    assert sql.increment(Building, "resident_count", id=-1) == 0


def test_load_builds_the_instance_the_orm_builds(people):
    person = people["resident"]
    token = _token(person, last_used_at=timezone.now() - timedelta(hours=2))
    query = (
        f"SELECT {sql.columns(ApiToken, 't')}, {sql.columns(Resident, 'p')} FROM api_apitoken t "
        f"JOIN community_resident p ON p.id = t.person_id WHERE t.id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [token.pk])
        row = cursor.fetchone()
    loaded = sql.load(ApiToken, row)
    loaded_person = sql.load(Resident, row, len(ApiToken._meta.concrete_fields))
    orm = ApiToken.objects.get(pk=token.pk)
    orm_person = Resident.objects.get(pk=person.pk)
    for f in ApiToken._meta.concrete_fields:
        assert getattr(loaded, f.attname) == getattr(orm, f.attname), f.name
    for f in Resident._meta.concrete_fields:
        assert getattr(loaded_person, f.attname) == getattr(orm_person, f.attname), f.name
        assert type(getattr(loaded_person, f.attname)) is type(getattr(orm_person, f.attname)), (
            f.name
        )  # booleans stay booleans on SQLite
    assert loaded._state.adding is False and loaded._state.db == "default"


def test_a_token_loads_with_its_person_and_household_as_select_related_would(people):
    from linli.api.actions import _token_with_person

    token = _token(people["resident"])
    loaded = _token_with_person(token.token_hash)
    orm = ApiToken.objects.select_related("person__household").get(pk=token.pk)
    assert loaded.pk == orm.pk and loaded.person.pk == orm.person.pk
    for f in Household._meta.concrete_fields:  # the area is a Decimal on both databases
        assert getattr(loaded.person.household, f.attname) == getattr(
            orm.person.household, f.attname
        ), f.name
    assert type(loaded.person.household.area) is type(orm.person.household.area)
    with CaptureQueriesContext(connection) as ctx:
        assert (
            loaded.person.household.neighborhood_id == people["resident"].household.neighborhood_id
        )
    assert ctx.captured_queries == []  # already loaded
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert _token_with_person(token.token_hash) is None


def test_load_gives_none_for_a_missing_outer_join_row(people):
    staff = people["street_staff"]
    assert staff.household_id is None
    query = f"SELECT {sql.columns(Resident, 'p')}, {sql.columns(Household, 'h')} FROM community_resident p LEFT JOIN community_household h ON h.id = p.household_id WHERE p.id = %s"
    with connection.cursor() as cursor:
        cursor.execute(query, [staff.pk])
        row = cursor.fetchone()
    assert sql.load(Resident, row).pk == staff.pk
    assert sql.load(Household, row, len(Resident._meta.concrete_fields)) is None


def test_statements_are_logged_and_move_the_page_cache_generation(people):
    before = pagecache.generation()
    with CaptureQueriesContext(connection) as ctx:
        sql.update_row(Resident, people["resident"].pk, first_name="小明")
    assert pagecache.generation() != before
    assert len(ctx.captured_queries) == 1
    assert 'UPDATE "community_resident"' in ctx.captured_queries[0]["sql"]
    assert Resident.objects.get(pk=people["resident"].pk).first_name == "小明"


def test_statement_text_is_composed_once():
    calls = []
    text = sql.statement(lambda qn: calls.append(1) or f"SELECT 1 FROM {qn('api_apitoken')}")
    assert text() == text() == 'SELECT 1 FROM "api_apitoken"'
    assert len(calls) == 1


@pytest.mark.postgres
def test_postgres_prepares_a_statement_once_a_connection_has_run_it_often(people):
    """Public settings only: server-side binding, and psycopg's prepare_threshold."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are a PostgreSQL matter")
    connection.ensure_connection()
    threshold = connection.connection.prepare_threshold
    assert threshold is not None  # LINLI_PG_NO_PREPARE is unset
    query = "SELECT id FROM community_resident WHERE username = %s"
    names = ["resident", "leader", "staff"]
    for i in range(threshold + len(names)):
        name = names[i % len(names)]
        assert sql.one(query, [name])[0] == people[name].pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%community_resident WHERE username = $1%"],
        )
        assert cursor.fetchall() == [(3,)]  # one statement, prepared on the server, run three times
