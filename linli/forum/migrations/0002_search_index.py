"""The full-text index over SearchEntry: FTS5 on SQLite, a tsvector + GIN on PostgreSQL.

The text is segmented by jieba before it is stored (forum/text.py), so both databases only
split on spaces: the PostgreSQL column casts the tokens straight to a tsvector (no parser,
no locale), and FTS5 uses its unicode61 tokenizer on the same tokens.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE forum_search_fts USING fts5(title_tokens, body_tokens, content='forum_searchentry', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER forum_search_ai AFTER INSERT ON forum_searchentry BEGIN "
    "INSERT INTO forum_search_fts(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens); END",
    "CREATE TRIGGER forum_search_ad AFTER DELETE ON forum_searchentry BEGIN "
    "INSERT INTO forum_search_fts(forum_search_fts, rowid, title_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.body_tokens); END",
    "CREATE TRIGGER forum_search_au AFTER UPDATE OF title_tokens, body_tokens ON forum_searchentry BEGIN "
    "INSERT INTO forum_search_fts(forum_search_fts, rowid, title_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.body_tokens); "
    "INSERT INTO forum_search_fts(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER forum_search_au",
    "DROP TRIGGER forum_search_ad",
    "DROP TRIGGER forum_search_ai",
    "DROP TABLE forum_search_fts",
]

POSTGRES = [
    "ALTER TABLE forum_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS "
    "(setweight(title_tokens::tsvector, 'A') || setweight(body_tokens::tsvector, 'D')) STORED",
    "CREATE INDEX forum_search_document ON forum_searchentry USING GIN (document)",
    "CREATE INDEX forum_search_nb_created ON forum_searchentry (neighborhood_id, created_at)",
]
POSTGRES_REVERSE = [
    "DROP INDEX forum_search_nb_created",
    "DROP INDEX forum_search_document",
    "ALTER TABLE forum_searchentry DROP COLUMN document",
]


def forwards(apps, schema_editor):
    for sql in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in (
        POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    ):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
