import os
import shutil
import sqlite3
import subprocess

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from linli.core import maintenance, pagecache

from .backup import pg_env


class Command(BaseCommand):
    help = "Restore the database from a backup made by `linli backup` (replaces the current data)."

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
        with maintenance.restoring(force_maintenance=force_maintenance, say=self.stdout.write):
            self._restore(path)
        pagecache.bump()  # cached pages and signed-in people were of the replaced data
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}"))

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
