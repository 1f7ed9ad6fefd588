"""The `linli` command: demo (idempotent), backup and restore, and the wrapper itself."""

import shutil
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection

from linli.community.demo import DEMO_LOGINS, DEMO_PASSWORD, load
from linli.community.models import Household, Neighborhood, Resident, Role


@pytest.mark.django_db
def test_demo_has_the_model_neighborhood_and_every_login():
    load()
    nb = Neighborhood.objects.get(slug="binjiang")
    compounds = {c.name: c for c in nb.compounds.all()}
    assert compounds["滨江花园"].household_count == 1760
    assert 4500 <= nb.resident_count <= 5600
    assert (
        Household.objects.filter(area__lt=60).count() == 0
        and Household.objects.filter(area__gt=180).count() == 0
    )
    assert Household.objects.filter(owner_occupied=False).exists()
    assert Resident.objects.filter(language="en", household__isnull=False).count() > 50
    for username, *_ in DEMO_LOGINS:
        assert Resident.objects.get(username=username).check_password(DEMO_PASSWORD)
    # every building has a leader
    led = set(
        Role.objects.filter(kind=Role.Kind.BUILDING_LEADER).values_list("building_id", flat=True)
    )
    assert led == set(nb.buildings.values_list("id", flat=True))
    kinds = set(Role.objects.values_list("kind", flat=True))
    assert kinds == set(Role.Kind.values)


@pytest.mark.django_db
def test_demo_twice_duplicates_nothing():
    load()
    counts = (Household.objects.count(), Resident.objects.count(), Role.objects.count())
    load()
    assert (Household.objects.count(), Resident.objects.count(), Role.objects.count()) == counts


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(tmp_path, tree, people):
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    path = tmp_path / "linli.backup"
    call_command("backup", str(path))
    assert path.stat().st_size > 0
    households = Household.objects.count()
    Resident.objects.filter(username="resident").update(display_name="changed after backup")
    Household.objects.filter(room="401").delete()
    connection.close()
    call_command("restore", str(path))
    assert Resident.objects.get(username="resident").display_name == "Resident"
    assert Household.objects.count() == households


def test_restore_refuses_a_missing_file(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "nope"))


def test_linli_command_wraps_django_with_settings_preset(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "LINLI_VAR": str(tmp_path), "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "linli", "help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0
    for command in [
        "demo",
        "serve",
        "backup",
        "restore",
        "import_households",
        "db_worker",
        "createsuperuser",
        "migrate",
        "shell",
    ]:
        assert command in out.stdout
    assert (tmp_path / "secret_key").exists()  # generated on first run
