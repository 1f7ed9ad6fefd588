"""Request photos go through linli.core.uploads, after the text is screened."""

import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from linli.core.tests.test_uploads import gps_exif, photo, png_declaring
from linli.office.models import Request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


def test_a_photo_of_too_many_pixels_is_refused_before_decoding(submit):
    side = 9000  # 81 MP: below Pillow's own alarm, above ours
    data = png_declaring(side, side, zlib.compress(b"\x00" * (1 + (side + 7) // 8) * side, 9))
    with pytest.raises(ValidationError) as error:
        submit(photos=[SimpleUploadedFile("big.png", data, content_type="image/png")])
    assert error.value.code == "photo" and "too many pixels" in error.value.messages[0]
    assert not Request.objects.exists()


def test_personal_data_in_a_public_request_is_pointed_out_before_the_photos_are_read(submit):
    broken = SimpleUploadedFile("x.png", png_declaring(200, 200, b"garbage"), "image/png")
    with pytest.raises(ValidationError) as error:
        submit(description="电梯坏了，请打 13912345678", public=True, photos=[broken])
    assert "13912345678" in str(error.value)


def test_gps_is_removed_from_request_photos(submit):
    r = submit(photos=[SimpleUploadedFile("p.jpg", photo(exif=gps_exif()), "image/jpeg")])
    with Image.open(r.photos.get().image) as image:
        assert not image.getexif()
