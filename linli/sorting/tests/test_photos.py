"""Sorting-check photos go through linli.core.uploads: checked by content, GPS removed."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from linli.core.tests.test_uploads import gps_exif, photo
from linli.sorting import actions
from linli.sorting.models import Check

pytestmark = pytest.mark.django_db


def record(people, tree, point, upload):
    return actions.check_record(
        building=tree.buildings[0],
        actor=people["staff"],
        day=timezone.localdate(),
        result="good",
        point=point,
        photo=upload,
    )


def test_gps_is_removed_from_check_photos(people, tree, point, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    check = record(people, tree, point, SimpleUploadedFile("p.jpg", photo(exif=gps_exif())))
    with Image.open(check.photo) as image:
        assert not image.getexif()


def test_html_named_jpg_is_not_a_check_photo(people, tree, point, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"), pytest.raises(ValidationError, match="not a picture"):
        record(people, tree, point, SimpleUploadedFile("p.jpg", b"<html><b>hi</b></html>"))
    assert not Check.objects.exists()
