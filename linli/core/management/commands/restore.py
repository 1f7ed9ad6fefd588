import os
import shutil
import sqlite3
import subprocess

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import pg_env


class Command(BaseCommand):
    help = "Restore the database from a backup made by `linli backup` (replaces the current data)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        if not os.path.exists(path):
            raise CommandError(f"{path} does not exist.")
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
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}"))
