"""`linli restore` refuses while Linli serves the database, or puts the site in maintenance
mode (503, translated page, Retry-After) for the restore. On SQLite and on PostgreSQL."""

import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from linli.community.models import Resident
from linli.core import maintenance

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup(tmp_path, people, settings):
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    settings.MAINTENANCE_GRACE = 0
    path = tmp_path / "linli.backup"
    call_command("backup", str(path))
    Resident.objects.filter(username="resident").update(display_name="written after the backup")
    return path


@pytest.fixture
def serving():
    """This test process serves the database, as every `linli serve` process does."""
    maintenance.hold_serving_lock()
    yield
    maintenance.release_serving_lock()


def name():
    return Resident.objects.get(username="resident").display_name


def test_restore_refuses_while_a_server_is_running(backup, serving):
    with pytest.raises(CommandError, match="force-maintenance"):
        call_command("restore", str(backup))
    assert name() == "written after the backup"


def test_restore_with_force_maintenance_runs_while_a_server_is_running(backup, serving):
    connection.close()
    call_command("restore", str(backup), force_maintenance=True)
    assert name() == "Resident"


def test_restore_runs_when_nobody_serves(backup):
    connection.close()
    call_command("restore", str(backup))
    assert name() == "Resident"


def test_the_site_answers_503_with_retry_after_during_a_forced_restore(serving, client, settings):
    settings.MAINTENANCE_GRACE = 0
    settings.LANGUAGE_CODE = "zh-hans"
    with maintenance.restoring(force_maintenance=True, say=lambda _msg: None):
        maintenance._state["checked"] = 0.0  # PostgreSQL: look again now, not in a second
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 503
        assert int(response["Retry-After"]) > 0
        assert "Back in a few minutes" in response.content.decode()
        response = client.post("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 503 and "几分钟后" in response.content.decode()
    maintenance._state["checked"] = 0.0
    assert client.get("/").status_code != 503


def test_no_maintenance_without_a_restore(serving, client):
    assert not maintenance.in_maintenance()
    assert client.get("/").status_code != 503
