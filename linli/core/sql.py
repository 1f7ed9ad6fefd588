"""Plain SQL for hot paths, where composing the ORM's SQL costs more than running it.

Composing an ORM statement costs about a millisecond of CPU, running a simple one a tenth
of that. The paths that use this are the ones every API request or every vote runs: the
token with its person, the decision a ballot is for, a first ballot. The helpers

- compose a statement's text once per kind of database (`statement`);
- build instances exactly as the ORM does from the row (`columns`, `load`);
- write rows, adapting each value as its field would (`insert_new`, `insert_rows`,
  `increment`, `update_row`).

Planning is saved by PostgreSQL itself, through public settings only: the connection binds
parameters on the server (Django's `server_side_binding` option) and psycopg prepares any
statement a connection has run `prepare_threshold` times (config/settings/base.py;
docs/hot-paths.md says how to turn it off). That holds for these statements and the ORM's
alike, so nothing here needs a cursor of its own.

Everything runs on the default connection, inside the caller's transaction, through
Django's cursors and so through the connection's execute wrappers like any other
statement: the page cache and Django's query log see them. They work on SQLite (3.35 or
newer) and PostgreSQL.
"""

from functools import cache

from django.db import connection


def one(query: str, params) -> tuple | None:
    """The first row of a statement, or None."""
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchone()


def _column(model, name):
    field = model._meta.get_field(name)
    return field, connection.ops.quote_name(field.column)


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def insert_new(model, values: dict, unique: tuple[str, ...]) -> int | None:
    """Insert one row unless a row with the same `unique` fields exists; the new id, or None.

    `INSERT … ON CONFLICT (…) DO NOTHING RETURNING id`: a racing insert of the same key
    waits for the other transaction and then inserts nothing, so the caller can fall back to
    replacing the row that won.
    """
    columns, params = [], []
    for name, value in values.items():
        field, column = _column(model, name)
        columns.append(column)
        params.append(field.get_db_prep_save(value, connection))
    conflict = ", ".join(_column(model, name)[1] for name in unique)
    pk = connection.ops.quote_name(model._meta.pk.column)
    sql = (
        f"INSERT INTO {_table(model)} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({conflict}) DO NOTHING RETURNING {pk}"
    )
    row = one(sql, params)
    return row[0] if row else None


def insert_rows(model, names: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert several rows in one statement (no ids returned)."""
    if not rows:
        return
    fields = [_column(model, name) for name in names]
    params = [
        field.get_db_prep_save(value, connection)
        for row in rows
        for (field, _), value in zip(fields, row, strict=True)
    ]
    row_marks = f"({', '.join(['%s'] * len(names))})"
    sql = f"INSERT INTO {_table(model)} ({', '.join(column for _, column in fields)}) VALUES {', '.join([row_marks] * len(rows))}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def increment(model, name: str, by: int = 1, **where) -> int:
    """`UPDATE … SET name = name + by WHERE …` (equality on each keyword); the number of rows changed."""
    _, column = _column(model, name)
    conditions, params = [], [by]
    for key, value in where.items():
        field, col = _column(model, key)
        conditions.append(f"{col} = %s")
        params.append(field.get_db_prep_value(value, connection))
    sql = f"UPDATE {_table(model)} SET {column} = {column} + %s WHERE {' AND '.join(conditions)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def statement(build):
    """Decorator: the SQL text that `build(quote_name)` composes, composed once per kind of
    database; calling the result gives the text. A hot path then pays only for running it."""
    built = {}

    def text() -> str:
        vendor = connection.vendor
        if vendor not in built:
            built[vendor] = build(connection.ops.quote_name)
        return built[vendor]

    return text


def columns(model, alias: str) -> str:
    """The select list of a model's concrete columns under a table alias, for `load`."""
    qn = connection.ops.quote_name
    return ", ".join(f"{alias}.{qn(f.column)}" for f in model._meta.concrete_fields)


@cache
def _loader(vendor, model):
    # What the ORM's compiler applies to each column read back (SQLite keeps dates as text,
    # booleans as 0/1…): [(position, converter, column expression)].
    fields = model._meta.concrete_fields
    converters = []
    for i, f in enumerate(fields):
        col = f.get_col(model._meta.db_table)
        converters += [
            (i, converter, col)
            for converter in connection.ops.get_db_converters(col) + f.get_db_converters(connection)
        ]
    pk_at = next(i for i, f in enumerate(fields) if f.primary_key)
    return len(fields), pk_at, [f.attname for f in fields], converters


def load(model, row, start: int = 0):
    """A model instance from `row[start:]` (selected with `columns(model, …)`), as the ORM would build it;
    None when its primary key is NULL (an outer join found nothing)."""
    width, pk_at, attnames, converters = _loader(connection.vendor, model)
    values = list(row[start : start + width])
    if values[pk_at] is None:
        return None
    for i, converter, col in converters:
        values[i] = converter(values[i], col, connection)
    return model.from_db(connection.alias, attnames, values)


def update_row(model, pk, **values) -> int:
    """`UPDATE … SET … WHERE pk = …`; the number of rows changed."""
    sets, params = [], []
    for name, value in values.items():
        field, column = _column(model, name)
        sets.append(f"{column} = %s")
        params.append(field.get_db_prep_save(value, connection))
    sql = f"UPDATE {_table(model)} SET {', '.join(sets)} WHERE {connection.ops.quote_name(model._meta.pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pk])
        return cursor.rowcount
