"""PostgreSQL: build the search vector with to_tsvector('simple', …) so lexemes carry positions,
and with them the title's weight (a cast text→tsvector has no positions, and weights live on
positions). The text is already segmented and lower-cased, so 'simple' only splits on spaces."""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS forum_search_document",
    "ALTER TABLE forum_searchentry DROP COLUMN IF EXISTS document",
    "ALTER TABLE forum_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple'::regconfig, title_tokens), 'A') || setweight(to_tsvector('simple'::regconfig, body_tokens), 'D')) STORED",
    "CREATE INDEX forum_search_document ON forum_searchentry USING GIN (document)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("forum", "0004_pinned_at")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
