"""Uploads are checked by content: type, size, pixels; images lose EXIF and are shrunk."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from linli.projects import uploads

from .conftest import PDF, image_upload


def test_image_is_reencoded_without_exif_and_shrunk():
    checked = uploads.check_image(image_upload(size=(3000, 1500), exif=True))
    with Image.open(io.BytesIO(checked.content.read())) as image:
        assert image.size == (2000, 1000) == (checked.width, checked.height)
        assert not image.getexif()
    assert checked.content.name.endswith(".jpg")


def test_a_renamed_text_file_is_not_an_image():
    with pytest.raises(ValidationError) as error:
        uploads.check_image(
            SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
        )
    assert error.value.code == "bad_type"


def test_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError):
        uploads.check_design_file(SimpleUploadedFile("plan.svg", svg))


def test_pdf_is_recognised_by_its_magic_not_its_name():
    assert uploads.check_design_file(SimpleUploadedFile("notes.bin", PDF)).kind == "pdf"
    with pytest.raises(ValidationError):
        uploads.check_pdf(SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"))


def test_oversized_files_are_refused(settings):
    settings.UPLOAD_MAX_PDF_BYTES = 100
    with pytest.raises(ValidationError) as error:
        uploads.check_pdf(SimpleUploadedFile("big.pdf", PDF + b"x" * 200))
    assert error.value.code == "too_large"


def test_empty_file_and_too_many_files_are_refused():
    with pytest.raises(ValidationError):
        uploads.check_design_file(SimpleUploadedFile("empty.pdf", b""))
    with pytest.raises(ValidationError):
        uploads.check_design_files([image_upload() for _ in range(13)])
