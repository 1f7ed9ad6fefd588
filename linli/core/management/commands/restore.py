import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile

from django.core.files import File
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from linli.core import maintenance, pagecache

from .backup import DATABASE_MEMBERS, MANIFEST, MEDIA_PREFIX, pg_env


def _safe(name: str) -> bool:
    return (
        bool(name)
        and not name.startswith("/")
        and "\x00" not in name
        and ".." not in name.split("/")
        and posixpath.normpath(name) == name
    )


def read_archive(archive) -> tuple:
    """(database member, media members) of a `linli backup` archive, checked before anything
    is replaced: a wrong or damaged archive changes nothing."""
    members = {m.name: m for m in archive.getmembers()}
    if MANIFEST not in members:
        raise CommandError(f"Not a Linli backup: {MANIFEST} is missing.")
    manifest = json.load(archive.extractfile(members[MANIFEST]))
    if manifest.get("vendor") != connection.vendor:
        raise CommandError(
            f"This backup is of a {manifest.get('vendor')} database; "
            f"this Linli uses {connection.vendor}."
        )
    database = members.get(DATABASE_MEMBERS.get(connection.vendor, ""))
    if database is None or not database.isfile():
        raise CommandError("The backup holds no database.")
    media = []
    for name, member in members.items():
        if name in (MANIFEST, database.name) or member.isdir():
            continue
        inner = name[len(MEDIA_PREFIX) :]
        if not (name.startswith(MEDIA_PREFIX) and member.isfile() and _safe(inner)):
            raise CommandError(f"The backup holds an unexpected entry: {name!r}.")
        media.append(member)
    return database, media


def restore_media(archive, members, storage) -> None:
    """Put every file back under its own name (a storage renames a file it already holds)."""
    for member in members:
        name = member.name[len(MEDIA_PREFIX) :]
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, File(archive.extractfile(member), name=name))
        if saved != name:
            raise CommandError(f"{name} was stored as {saved}.")


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from a backup made by `linli backup` "
        "(replaces the current data; files uploaded since the backup are left in the storage). "
        "Database-only backups of earlier versions are read too."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--force-maintenance",
            action="store_true",
            help="Restore even while Linli is serving: every request answers 503 "
            "(maintenance page, Retry-After) until the restore is done.",
        )

    def handle(self, *args, path, force_maintenance=False, **options):
        if not os.path.exists(path):
            raise CommandError(f"{path} does not exist.")
        if tarfile.is_tarfile(path):
            with tarfile.open(path, "r:*") as archive:
                database, media = read_archive(archive)
                with tempfile.TemporaryDirectory(prefix="linli-restore-") as work:
                    dump = os.path.join(work, "database")
                    with archive.extractfile(database) as source, open(dump, "wb") as target:
                        shutil.copyfileobj(source, target, 1 << 20)
                    with maintenance.restoring(
                        force_maintenance=force_maintenance, say=self.stdout.write
                    ):
                        self._restore(dump)
                        restore_media(archive, media, storages["default"])
            done = f"Restored the database and {len(media)} files from {path}"
        else:  # a backup of an earlier version: the database alone
            with maintenance.restoring(force_maintenance=force_maintenance, say=self.stdout.write):
                self._restore(path)
            done = f"Restored the database from {path}"
        pagecache.bump()  # cached pages and signed-in people were of the replaced data
        self.stdout.write(self.style.SUCCESS(done))

    def _restore(self, path):
        if connection.vendor == "sqlite":
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                source.execute("PRAGMA schema_version").fetchone()
            except sqlite3.DatabaseError as error:
                raise CommandError(f"{path} is not a SQLite backup: {error}")
            connection.ensure_connection()
            with source:
                source.backup(connection.connection)
            source.close()
        elif connection.vendor == "postgresql":
            if not shutil.which("pg_restore"):
                raise CommandError("pg_restore is not installed.")
            env, conn_args, name = pg_env()
            connection.close()
            subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "-d",
                    name,
                    *conn_args,
                    path,
                ],
                env=env,
                check=True,
            )
        else:
            raise CommandError(f"No restore for {connection.vendor}.")
