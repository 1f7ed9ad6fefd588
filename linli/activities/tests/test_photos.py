"""Activity photos go through linli.core.uploads: checked by content, GPS removed."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from linli.activities import actions
from linli.activities.models import Photo
from linli.core.tests.test_uploads import gps_exif, photo

from .conftest import starting_now

pytestmark = pytest.mark.django_db


def test_gps_is_removed_from_activity_photos(people, make_activity, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = starting_now(make_activity())
    upload = SimpleUploadedFile("p.jpg", photo(exif=gps_exif()), content_type="image/jpeg")
    saved = actions.photo_add(activity=a, actor=people["staff"], image=upload)
    with Image.open(saved.image) as image:
        assert not image.getexif()


def test_html_named_jpg_is_not_an_activity_photo(people, make_activity, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = starting_now(make_activity())
    fake = SimpleUploadedFile("p.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    with translation.override("en"), pytest.raises(ValidationError, match="not a picture"):
        actions.photo_add(activity=a, actor=people["staff"], image=fake)
    assert not Photo.objects.exists()
