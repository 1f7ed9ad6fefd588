"""The database's own guarantee that two approved bookings of a space never overlap.

PostgreSQL: btree_gist and an exclusion constraint over (space_id, tstzrange) for
approved rows. SQLite: BEFORE INSERT / UPDATE triggers that abort on overlap (writers
are serialised by BEGIN IMMEDIATE, so the check cannot race). Other databases: none.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

PG_ADD = """
ALTER TABLE spaces_booking ADD CONSTRAINT booking_no_overlap
EXCLUDE USING gist (space_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
WHERE (status = 'approved')
"""
PG_DROP = "ALTER TABLE spaces_booking DROP CONSTRAINT IF EXISTS booking_no_overlap"

OVERLAP = """
NEW.status = 'approved' AND EXISTS (
  SELECT 1 FROM spaces_booking b
  WHERE b.space_id = NEW.space_id AND b.status = 'approved' AND b.id IS NOT NEW.id
    AND julianday(b.starts_at) < julianday(NEW.ends_at) AND julianday(NEW.starts_at) < julianday(b.ends_at)
)
"""
SQLITE_ADD = [
    f"CREATE TRIGGER booking_no_overlap_insert BEFORE INSERT ON spaces_booking WHEN {OVERLAP} "
    "BEGIN SELECT RAISE(ABORT, 'booking_no_overlap: approved bookings of a space may not overlap'); END",
    f"CREATE TRIGGER booking_no_overlap_update BEFORE UPDATE ON spaces_booking WHEN {OVERLAP} "
    "BEGIN SELECT RAISE(ABORT, 'booking_no_overlap: approved bookings of a space may not overlap'); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS booking_no_overlap_insert",
    "DROP TRIGGER IF EXISTS booking_no_overlap_update",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": [PG_ADD], "sqlite": SQLITE_ADD}.get(vendor, []):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": [PG_DROP], "sqlite": SQLITE_DROP}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("spaces", "0001_initial")]

    operations = [
        BtreeGistExtension(),  # does nothing on databases other than PostgreSQL
        migrations.RunPython(forwards, backwards),
    ]
