"""A space's photo goes through linli.core.uploads; a replaced photo's file is removed."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from linli.core.tests.test_uploads import gps_exif, photo
from linli.spaces import actions

pytestmark = pytest.mark.django_db


def save(people, tree, room, upload):
    return actions.space_save(
        actor=people["staff"], neighborhood=tree.neighborhood, space=room, photo=upload
    )


def test_gps_is_removed_and_a_replaced_photo_is_deleted(
    people, tree, room, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        space = save(people, tree, room, SimpleUploadedFile("p.jpg", photo(exif=gps_exif())))
    first = space.photo.name
    with Image.open(default_storage.open(first)) as image:
        assert not image.getexif()
    with django_capture_on_commit_callbacks(execute=True):
        space = save(people, tree, space, SimpleUploadedFile("q.jpg", photo((30, 30))))
    assert space.photo.name != first and not default_storage.exists(first)


def test_html_named_jpg_is_not_a_space_photo(people, tree, room, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"), pytest.raises(ValidationError, match="not a picture"):
        save(people, tree, room, SimpleUploadedFile("p.jpg", b"<html><b>hi</b></html>"))
