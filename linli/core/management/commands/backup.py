import os
import shutil
import sqlite3
import subprocess

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


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


class Command(BaseCommand):
    help = "Back up the database to PATH (SQLite online backup API, or pg_dump's custom format on PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
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
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}"))
