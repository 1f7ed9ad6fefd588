"""Uploaded files: signed, short-lived links, streamed from the local disk or an object store."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from linli.core import media


def test_a_file_is_served_to_the_holder_of_a_fresh_link(client, db):
    name = default_storage.save("spaces/test-photo.png", ContentFile(b"\x89PNG fake"))
    url = default_storage.url(name)
    assert url.startswith("/media/spaces/") and "s=" in url
    answer = client.get(url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == b"\x89PNG fake"
    assert answer["Content-Type"] == "image/png"
    assert answer["Cache-Control"].startswith("private")
    default_storage.delete(name)


def test_without_a_valid_link_there_is_no_file(client, db):
    name = default_storage.save("office/private.jpg", ContentFile(b"secret"))
    url = default_storage.url(name)
    path = urlsplit(url).path
    query = parse_qs(urlsplit(url).query)
    assert client.get(path).status_code == 404  # no signature
    tampered = f"{path}?e={query['e'][0]}&s=x{query['s'][0][1:]}"
    assert client.get(tampered).status_code == 404
    # A link for one file does not open another.
    other = default_storage.save("office/other.jpg", ContentFile(b"other"))
    assert client.get(url.replace(name, other)).status_code == 404
    default_storage.delete(name)
    default_storage.delete(other)


def test_an_expired_link_is_refused(client, db, monkeypatch):
    name = default_storage.save("office/old.jpg", ContentFile(b"old"))
    url = default_storage.url(name)
    later = time.time() + media.LIFETIME + 2 * media.WINDOW
    monkeypatch.setattr(media.time, "time", lambda: later)
    assert client.get(url).status_code == 404
    default_storage.delete(name)


def test_links_made_within_one_window_are_identical():
    assert media.signed_url("a/b.png") == media.signed_url("a/b.png")


@pytest.mark.parametrize("name", ["../secret_key", "a/../../x", "a\x00b"])
def test_paths_that_leave_the_storage_are_refused(client, db, name):
    assert client.get(f"/media/{name}?e=9999999999&s=x").status_code == 404


def test_an_s3_store_keeps_and_serves_the_file(client, db, settings):
    moto = pytest.importorskip("moto")
    import boto3

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
                },
            },
        }
        from django.core.files.storage import storages

        storage = storages["default"]
        name = storage.save("activities/party.jpg", ContentFile(b"jpeg bytes"))
        assert storage.exists(name)
        url = storage.url(name)
        assert url.startswith("/media/activities/")
        answer = client.get(url)
        assert answer.status_code == 200
        assert b"".join(answer.streaming_content) == b"jpeg bytes"
