"""`linli backup PATH`: the database and every uploaded file, in one tar archive.

PATH (a plain tar; `.tar.gz` / `.tgz` makes it gzip-compressed) holds

- `linli-backup.json`: the format, the database vendor and the number of files;
- `database.sqlite3` (SQLite's online backup API) or `database.pgdump` (pg_dump's custom format);
- `media/<name>` for every file of the default storage, the local disk or an S3-compatible
  object store alike: the storage is walked with `listdir`, which both backends answer.

The archive is written beside PATH and renamed into place at the end, so a backup that fails
leaves no half archive under PATH; only its owner may read it (mode 0600). `linli restore` reads these archives and the single-file
database backups of earlier versions.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time

from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

FORMAT = 2  # 1 was the database file alone
MANIFEST = "linli-backup.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_PREFIX = "media/"
SPOOL = 8 << 20  # a file up to this size is copied through memory, a larger one through disk


def pg_env():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = [
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
    ]
    return env, args, db["NAME"]


def storage_files(storage, folder=""):
    """Every file name in `storage`, walking its folders with `listdir` (local disk or S3)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # the local media folder before the first upload
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from storage_files(storage, f"{folder}/{sub}" if folder else sub)


def dump_database(path: str) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        with target:
            connection.connection.backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        if not shutil.which("pg_dump"):
            raise CommandError("pg_dump is not installed.")
        env, conn_args, name = pg_env()
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", path, *conn_args, name],
            env=env,
            check=True,
        )
    else:
        raise CommandError(f"No backup for {connection.vendor}.")


def _add(archive, name: str, fileobj, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(time.time()), 0o644
    archive.addfile(info, fileobj)


def _add_media(archive, storage) -> int:
    count = 0
    for name in storage_files(storage):
        # Copied out first: the size in the tar header must be that of the bytes that follow.
        with storage.open(name, "rb") as source, tempfile.SpooledTemporaryFile(SPOOL) as copy:
            shutil.copyfileobj(source, copy, 1 << 20)
            size = copy.tell()
            copy.seek(0)
            _add(archive, MEDIA_PREFIX + name, copy, size)
        count += 1
    return count


def write_backup(path: str) -> int:
    """Write the archive to `path`; returns the number of uploaded files it holds."""
    mode = "w:gz" if path.endswith((".gz", ".tgz")) else "w"
    member = DATABASE_MEMBERS.get(connection.vendor, "database")
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.TemporaryDirectory(dir=folder, prefix=".linli-backup-") as work:
        dump = os.path.join(work, member)
        dump_database(dump)
        partial = os.path.join(work, "archive")
        # Readable by its owner only: it holds every password hash and every resident's data.
        with (
            open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as raw,
            tarfile.open(fileobj=raw, mode=mode) as archive,
        ):
            archive.add(dump, member)
            count = _add_media(archive, storages["default"])
            manifest = json.dumps(
                {"format": FORMAT, "vendor": connection.vendor, "database": member, "files": count}
            ).encode()
            _add(archive, MANIFEST, io.BytesIO(manifest), len(manifest))
        os.replace(partial, path)
    return count


class Command(BaseCommand):
    help = (
        "Back up the database and every uploaded file (local disk or S3 store) into one tar "
        "archive at PATH (.tar.gz or .tgz compresses it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        count = write_backup(path)
        self.stdout.write(self.style.SUCCESS(f"Backed up the database and {count} files to {path}"))
