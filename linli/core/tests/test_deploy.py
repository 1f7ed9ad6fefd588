"""Deploy steps are separate from serving, and safe when several nodes start together."""

import os
import subprocess
import sys
import uuid

import pytest
from django.core.management import CommandError
from django.db import connection

from linli.core.management.commands.serve import check_secret_key


def test_serve_refuses_a_shared_database_without_a_secret_key():
    with pytest.raises(CommandError, match="SECRET_KEY"):
        check_secret_key("django.db.backends.postgresql", {})
    check_secret_key("django.db.backends.postgresql", {"SECRET_KEY": "same on every node"})
    check_secret_key("django.db.backends.sqlite3", {})  # one machine: the key under var/ serves


@pytest.mark.postgres
def test_nodes_starting_together_on_an_empty_database_migrate_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    import psycopg

    name = f"linli_deploy_{uuid.uuid4().hex[:8]}"
    params = connection.settings_dict
    server = f"postgres://{params['USER'] or 'postgres'}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    url = f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        script = "from linli.core.deploy import deploy_steps; import django; django.setup(); deploy_steps()"
        nodes = []
        for n in range(3):
            var = tmp_path / f"node{n}"
            var.mkdir()
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "LINLI_VAR": str(var),
                "SECRET_KEY": "shared",
                "DJANGO_SETTINGS_MODULE": "config.settings.base",
            }
            env.pop("PYTEST_XDIST_WORKER", None)
            nodes.append(
                subprocess.Popen(
                    [sys.executable, "-c", script],
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
            )
        outputs = [node.communicate(timeout=600)[0] for node in nodes]
        assert [node.returncode for node in nodes] == [0, 0, 0], outputs
        with psycopg.connect(url) as pg:
            rows = pg.execute(
                "SELECT app, name, count(*) FROM django_migrations GROUP BY app, name HAVING count(*) > 1"
            ).fetchall()
            total = pg.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
        assert rows == [] and total > 20
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_a_node_on_postgresql_takes_its_connections_from_a_pool_sized_by_the_environment(
    tmp_path,
):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    params = connection.settings_dict
    url = f"postgres://{params['USER'] or 'postgres'}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/postgres"
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "connection.ensure_connection()\n"
        "pool = connection.pool\n"
        "print(type(pool).__name__, pool.min_size, pool.max_size)\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "LINLI_VAR": str(tmp_path),
        "SECRET_KEY": "shared",
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "LINLI_DB_POOL_MIN": "2",
        "LINLI_DB_POOL_MAX": "6",
    }
    env.pop("LINLI_DB_POOL", None)
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["ConnectionPool", "2", "6"]
