"""The one upload path: size first, header second, decoding last; EXIF gone; PDFs by content."""

import io
import struct
import time
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from linli.core import uploads


def chunk(kind, body):
    return (
        struct.pack(">I", len(body))
        + kind
        + body
        + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


def png_declaring(width, height, idat=b""):
    """A PNG header that claims width × height pixels (1-bit grey) with the given pixel data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def bomb(side=20000):
    """A real decompression bomb: valid 1-bit rows of zeros, ~50 KB that decode to 400 MB."""
    row = b"\x00" * (1 + (side + 7) // 8)
    return png_declaring(side, side, zlib.compress(row * side, 9))


def photo(size=(64, 48), fmt="JPEG", exif=None, mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "red" if mode == "RGB" else None).save(
        buffer, fmt, **({"exif": exif} if exif else {})
    )
    return buffer.getvalue()


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}  # GPS
    return exif


def test_a_decompression_bomb_is_refused_from_its_header_in_a_moment():
    data = bomb()
    assert len(data) < 100_000
    started = time.perf_counter()
    with pytest.raises(ValidationError) as error:
        uploads.check_image(upload(data, "bomb.png"))
    assert error.value.code == "too_many_pixels"
    assert time.perf_counter() - started < 0.5


def test_the_pixel_count_is_refused_before_any_decoding():
    # The pixel data is garbage: had the picture been decoded, it would be "not a picture".
    data = png_declaring(20000, 20000, b"not zlib at all")
    with pytest.raises(ValidationError) as error:
        uploads.check_image(upload(data, "bomb.png"))
    assert error.value.code == "too_many_pixels"
    with override_settings(UPLOAD_MAX_PIXELS=100 * 100):
        with pytest.raises(ValidationError) as error:
            uploads.check_image(upload(photo((101, 100), "PNG"), "a.png"))
        assert error.value.code == "too_many_pixels"
        assert uploads.check_image(upload(photo((100, 100), "PNG"), "a.png")).width == 100


def test_the_byte_size_is_refused_before_reading():
    class Huge(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("read a file already known to be too large")

    huge = Huge("big.jpg", b"x")
    huge.size = uploads.max_image_bytes() + 1
    with pytest.raises(ValidationError) as error:
        uploads.check_image(huge)
    assert error.value.code == "too_large"


@pytest.mark.parametrize(
    "data",
    [
        b"<!doctype html><script>alert(1)</script>",
        b"%PDF-1.7\n1 0 obj<<>>endobj",
        bytes(range(256)) * 400,
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ],
    ids=["html", "pdf", "noise", "svg"],
)
def test_bytes_that_are_not_a_picture_are_refused_whatever_the_name(data):
    with pytest.raises(ValidationError) as error:
        uploads.check_image(upload(data, "photo.jpg"))
    assert error.value.code == "bad_type"
    assert "photo.jpg" in error.value.messages[0]


def test_other_picture_formats_are_refused():
    with pytest.raises(ValidationError):
        uploads.check_image(upload(photo(fmt="TIFF"), "scan.jpg"))


def test_gps_and_camera_data_are_removed():
    data = photo(exif=gps_exif())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    checked = uploads.check_image(upload(data))
    with Image.open(checked.content) as image:
        assert not image.getexif()
        assert image.format == "JPEG"
    assert checked.content.name.endswith(".jpg") and checked.ext == "jpg"


def test_large_pictures_are_shrunk_and_transparent_ones_stay_png():
    checked = uploads.check_image(upload(photo((4000, 1000))), max_side=1600)
    assert (checked.width, checked.height) == (1600, 400)
    checked = uploads.check_image(upload(photo((50, 50), "PNG", mode="RGBA"), "logo.png"))
    assert checked.ext == "png"


def test_a_gif_keeps_its_first_frame():
    buffer = io.BytesIO()
    frames = [Image.new("P", (20, 20), i) for i in range(3)]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    checked = uploads.check_image(upload(buffer.getvalue(), "a.gif"))
    assert (checked.width, checked.height) == (20, 20)


def test_a_batch_is_bounded_by_the_decoding_cost_of_all_its_pictures():
    with override_settings(UPLOAD_MAX_BATCH_PIXELS=3 * 100 * 100):
        pictures = [upload(photo((100, 100), "PNG"), f"{i}.png") for i in range(4)]
        with pytest.raises(ValidationError) as error:
            uploads.check_images(pictures, max_count=9)
        assert error.value.code == "too_many_pixels"
        assert len(uploads.check_images(pictures[:3], max_count=9)) == 3
    with pytest.raises(ValidationError):
        uploads.check_images([upload(photo())] * 3, max_count=2)


def test_large_jpegs_cost_only_their_reduced_decoding():
    probe = uploads.probe_image(upload(photo((6400, 4000))), max_side=1600)
    assert probe.cost == 3200 * 2000  # decoded at half scale
    probe = uploads.probe_image(upload(photo((4000, 4000))), max_side=1000)
    assert probe.cost == 1000 * 1000  # at a quarter


def test_documents_are_recognised_by_their_first_bytes():
    assert uploads.check_document(upload(b"%PDF-1.4 ...", "notes.bin")).kind == "pdf"
    assert uploads.check_document(upload(photo(), "scan.pdf")).kind == "image"
    with pytest.raises(ValidationError):
        uploads.check_pdf(upload(b"MZ\x90\x00 not a pdf", "fake.pdf"))


def test_a_photo_taken_sideways_is_turned_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    checked = uploads.check_image(upload(photo((40, 20), exif=exif)))
    assert (checked.width, checked.height) == (20, 40)
