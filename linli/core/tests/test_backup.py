"""`linli backup` / `linli restore`: the database and the uploaded files, on the local disk or an
S3 store, go into one archive and come back; older database-only backups still restore."""

import shutil
import sqlite3
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from linli.community.models import Household, Resident
from linli.core.management.commands.backup import dump_database, storage_files

FILES = {
    "activities/2026/party.jpg": b"jpeg bytes",
    "activities/2026/deep/plan.pdf": b"%PDF plan",
    "avatar.png": b"png bytes",
}


def _skip_without_pg_tools():
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _upload(storage):
    for name, data in FILES.items():
        assert storage.save(name, ContentFile(data)) == name


def _damage(storage):
    """What happens after the backup: a file changed, a file deleted, rows changed."""
    storage.delete("avatar.png")
    storage.delete("activities/2026/party.jpg")
    storage.save("activities/2026/party.jpg", ContentFile(b"another picture"))
    Resident.objects.filter(username="resident").update(display_name="changed after backup")
    Household.objects.filter(room="401").delete()


def _assert_restored(storage, households):
    assert Resident.objects.get(username="resident").display_name == "Resident"
    assert Household.objects.count() == households
    for name, data in FILES.items():
        with storage.open(name, "rb") as f:
            assert f.read() == data
    assert sorted(storage_files(storage)) == sorted(FILES)


@pytest.mark.django_db(transaction=True)
def test_backup_holds_the_database_and_every_uploaded_file_and_restore_puts_both_back(
    tmp_path, media_root, tree, people
):
    _skip_without_pg_tools()
    storage = storages["default"]
    _upload(storage)
    path = tmp_path / "linli.backup"
    call_command("backup", str(path))
    with tarfile.open(path) as archive:
        names = set(archive.getnames())
    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    assert names == {"linli-backup.json", database, *(f"media/{n}" for n in FILES)}
    households = Household.objects.count()
    _damage(storage)
    connection.close()
    call_command("restore", str(path))
    _assert_restored(storage, households)


@pytest.mark.django_db(transaction=True)
def test_a_compressed_backup_restores_too(tmp_path, media_root, tree, people):
    _skip_without_pg_tools()
    storage = storages["default"]
    _upload(storage)
    path = tmp_path / "linli.tar.gz"
    call_command("backup", str(path))
    with open(path, "rb") as f:
        assert f.read(2) == b"\x1f\x8b"
    households = Household.objects.count()
    _damage(storage)
    connection.close()
    call_command("restore", str(path))
    _assert_restored(storage, households)


@pytest.mark.django_db(transaction=True)
def test_an_s3_store_is_backed_up_and_restored(tmp_path, settings, tree, people):
    moto = pytest.importorskip("moto")
    import boto3

    _skip_without_pg_tools()
    with moto.mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="linli-test")
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "linli.core.media.S3MediaStorage",
                "OPTIONS": {
                    "bucket_name": "linli-test",
                    "region_name": "us-east-1",
                    "access_key": "test",
                    "secret_key": "test",
                    "location": "linli",
                    "file_overwrite": False,
                    "default_acl": None,
                },
            },
        }
        storage = storages["default"]
        _upload(storage)
        path = tmp_path / "linli.backup"
        call_command("backup", str(path))
        households = Household.objects.count()
        _damage(storage)
        connection.close()
        call_command("restore", str(path))
        _assert_restored(storage, households)
        keys = boto3.client("s3", region_name="us-east-1").list_objects_v2(Bucket="linli-test")
        assert sorted(o["Key"] for o in keys["Contents"]) == sorted(f"linli/{n}" for n in FILES)


@pytest.mark.django_db(transaction=True)
def test_a_database_only_backup_of_an_earlier_version_still_restores(
    tmp_path, media_root, tree, people
):
    _skip_without_pg_tools()
    path = tmp_path / "old.backup"
    dump_database(str(path))  # what `linli backup` wrote before it kept the files
    assert not tarfile.is_tarfile(path)
    households = Household.objects.count()
    Resident.objects.filter(username="resident").update(display_name="changed after backup")
    Household.objects.filter(room="401").delete()
    connection.close()
    call_command("restore", str(path))
    assert Resident.objects.get(username="resident").display_name == "Resident"
    assert Household.objects.count() == households


@pytest.mark.django_db
@pytest.mark.parametrize("entry", ["media/../../etc/passwd", "media//abs", "notes.txt"])
def test_an_archive_with_a_stray_entry_is_refused_and_changes_nothing(
    tmp_path, media_root, tree, people, entry
):
    storage = storages["default"]
    path = tmp_path / "bad.backup"
    database = tmp_path / "db"
    sqlite3.connect(database).close()
    manifest = tmp_path / "manifest"
    manifest.write_text(f'{{"format": 2, "vendor": "{connection.vendor}"}}')
    stray = tmp_path / "stray"
    stray.write_bytes(b"x")
    member = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    with tarfile.open(path, "w") as archive:
        archive.add(manifest, "linli-backup.json")
        archive.add(database, member)
        archive.add(stray, entry)
    households = Household.objects.count()
    with pytest.raises(CommandError, match="unexpected entry"):
        call_command("restore", str(path))
    assert Household.objects.count() == households
    assert list(storage_files(storage)) == []


@pytest.mark.django_db
def test_a_backup_of_another_database_vendor_is_refused(tmp_path, media_root):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = tmp_path / "manifest"
    manifest.write_text(f'{{"format": 2, "vendor": "{other}"}}')
    path = tmp_path / "other.backup"
    with tarfile.open(path, "w") as archive:
        archive.add(manifest, "linli-backup.json")
    with pytest.raises(CommandError, match=f"backup is of a {other} database"):
        call_command("restore", str(path))


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_readable_by_its_owner_only(tmp_path, media_root, tree, people):
    """It holds every password hash and every resident's name, phone and room."""
    _skip_without_pg_tools()
    path = tmp_path / "linli.backup"
    call_command("backup", str(path))
    assert path.stat().st_mode & 0o077 == 0


@pytest.mark.django_db(transaction=True)  # (SQLite's backup waits for an open transaction)
def test_a_backup_that_fails_leaves_nothing_under_its_path(tmp_path, settings):
    moto = pytest.importorskip("moto")

    _skip_without_pg_tools()
    with moto.mock_aws():  # a store whose bucket does not exist: listing it fails
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "linli.core.media.S3MediaStorage",
                "OPTIONS": {
                    "bucket_name": "no-such-bucket",
                    "region_name": "us-east-1",
                    "access_key": "test",
                    "secret_key": "test",
                },
            },
        }
        with pytest.raises(Exception, match="NoSuchBucket"):
            call_command("backup", str(tmp_path / "linli.backup"))
    assert list(tmp_path.iterdir()) == []
