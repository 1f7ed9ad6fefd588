"""The search index leads with the neighborhood, so a search filters by neighborhood inside the
full-text match instead of after it (before, the newest 2,000 matches of every neighborhood were
taken first, and a quiet neighborhood's posts fell out of that window).

SQLite: the FTS5 table gains `neighborhood_id` as its first column; a query matches
`neighborhood_id:"<id>" AND {title_tokens body_tokens}:(…)`.
PostgreSQL: one GIN index over (neighborhood_id, document), with btree_gin; where that extension
cannot be created the plain GIN index on document stays and the neighborhood is a filter.
"""

from django.db import migrations, transaction

TRIGGERS = [
    "CREATE TRIGGER forum_search_ai AFTER INSERT ON forum_searchentry BEGIN "
    "INSERT INTO forum_search_fts(rowid, {cols}) VALUES (new.id, {new}); END",
    "CREATE TRIGGER forum_search_ad AFTER DELETE ON forum_searchentry BEGIN "
    "INSERT INTO forum_search_fts(forum_search_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
    "CREATE TRIGGER forum_search_au AFTER UPDATE OF title_tokens, body_tokens ON forum_searchentry BEGIN "
    "INSERT INTO forum_search_fts(forum_search_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
    "INSERT INTO forum_search_fts(rowid, {cols}) VALUES (new.id, {new}); END",
]


def _sqlite(columns):
    cols = ", ".join(columns)
    fmt = {
        "cols": cols,
        "new": ", ".join(f"new.{c}" for c in columns),
        "old": ", ".join(f"old.{c}" for c in columns),
    }
    return [
        "DROP TRIGGER IF EXISTS forum_search_au",
        "DROP TRIGGER IF EXISTS forum_search_ad",
        "DROP TRIGGER IF EXISTS forum_search_ai",
        "DROP TABLE IF EXISTS forum_search_fts",
        f"CREATE VIRTUAL TABLE forum_search_fts USING fts5({cols}, content='forum_searchentry', "
        "content_rowid='id', tokenize='unicode61')",
        *(t.format(**fmt) for t in TRIGGERS),
        "INSERT INTO forum_search_fts(forum_search_fts) VALUES ('rebuild')",
    ]


def forwards(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor != "postgresql":
        for sql in _sqlite(["neighborhood_id", "title_tokens", "body_tokens"]):
            run(sql)
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            run("CREATE EXTENSION IF NOT EXISTS btree_gin")
    except Exception:  # no right to create extensions: keep the plain GIN index
        return
    run(
        "CREATE INDEX forum_search_nb_document ON forum_searchentry USING GIN (neighborhood_id, document)"
    )
    run("DROP INDEX IF EXISTS forum_search_document")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        for sql in _sqlite(["title_tokens", "body_tokens"]):
            schema_editor.execute(sql)
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS forum_search_document ON forum_searchentry USING GIN (document)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS forum_search_nb_document")


class Migration(migrations.Migration):
    dependencies = [("forum", "0005_search_positions")]
    operations = [migrations.RunPython(forwards, backwards)]
