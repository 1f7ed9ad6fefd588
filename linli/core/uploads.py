"""The one way a user's picture or file gets in: checked by content, cheapest check first.

Every upload (forum pictures, consultation answers, project drawings and photos, office request
photos, activity photos, sorting checks, space photos) goes through this module:

1. the byte size, from what the upload says, before anything is read;
2. the image header only — Pillow's ``Image.open`` is lazy: format and pixel dimensions come from
   the header, nothing is decoded — and the format must be JPEG, PNG, WebP or GIF, with at most
   ``UPLOAD_MAX_PIXELS`` pixels (a 20 000 × 20 000 PNG of a few kilobytes is refused here);
3. for a batch (``check_images``), every header first and the decoding cost of all of them
   together bounded by ``UPLOAD_MAX_BATCH_PIXELS``, before the first picture is decoded;
4. only then decoding — JPEGs at a reduced DCT scale (``draft``) when they are far larger than
   what is kept — turned upright, shrunk to ``max_side`` and re-encoded, which drops EXIF (GPS,
   camera serials), PNG text and anything hidden after the pixels; GIFs keep their first frame;
5. documents are recognised by their first bytes (``%PDF-``), never by their name.

Callers run their own cheap checks (permission, rate limit, spam screening of the text) before
calling this module, and save ``Checked.content`` (a ContentFile named ``<random>.<ext>``).
Replaced files are removed with ``delete_on_commit`` so a rolled-back change keeps its file.
"""

import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024  # defaults of the settings UPLOAD_MAX_IMAGE_BYTES, …
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_SIDE = 1600
# Stored pictures are bounded: a PNG larger than this after shrinking is stored as a JPEG.
MAX_STORED_BYTES = 3 * 1024 * 1024
IMAGE_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}  # MPO: phone JPEGs with a depth map
_OPEN_FORMATS = ["GIF", "JPEG", "PNG", "WEBP"]  # Image.open tries only these (JPEG opens MPO)
_BROKEN = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    Image.DecompressionBombError,
)


def max_image_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_IMAGE_BYTES", MAX_IMAGE_BYTES)


def max_pdf_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_PDF_BYTES", MAX_PDF_BYTES)


def max_pixels() -> int:
    return getattr(settings, "UPLOAD_MAX_PIXELS", 40_000_000)


def max_batch_pixels() -> int:
    return getattr(settings, "UPLOAD_MAX_BATCH_PIXELS", 120_000_000)


# Pillow's own guard (it raises past twice this) as a second line behind the header check.
Image.MAX_IMAGE_PIXELS = max_pixels()


@dataclass
class Checked:
    kind: str  # "image" or "pdf"
    content: ContentFile
    name: str  # the name the person gave, shortened, for messages and listings
    size: int
    width: int = 0
    height: int = 0

    @property
    def ext(self) -> str:
        return self.content.name.rsplit(".", 1)[-1]

    @property
    def token(self) -> str:
        return self.content.name.rsplit(".", 1)[0]


@dataclass
class _Probe:
    upload: object
    data: bytes
    format: str
    width: int
    height: int
    cost: int  # pixels that decoding will allocate


def short_name(upload) -> str:
    return (getattr(upload, "name", "") or pgettext("upload", "file")).rsplit("/", 1)[-1][:60]


def _too_large(upload, limit):
    return ValidationError(
        _("%(name)s is too large: at most %(size)s.")
        % {"name": short_name(upload), "size": filesizeformat(limit)},
        code="too_large",
    )


def _not_a_picture(upload):
    return ValidationError(
        _("%(name)s is not a picture we accept (JPEG, PNG, WebP or GIF).")
        % {"name": short_name(upload)},
        code="bad_type",
    )


def read_limited(upload, limit: int) -> bytes:
    """The upload's bytes, refusing past `limit` by its declared size before reading any."""
    if (getattr(upload, "size", None) or 0) > limit:
        raise _too_large(upload, limit)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(upload, limit)
    if not data:
        raise ValidationError(_("%(name)s is empty.") % {"name": short_name(upload)}, code="empty")
    return data


def _draft_size(fmt, width, height, max_side):
    """The size Pillow will decode a JPEG at when asked for at most max_side (DCT scaling)."""
    if fmt not in ("JPEG", "MPO"):
        return width, height
    scale = max(1, min(width // max_side, height // max_side))
    for s in (8, 4, 2, 1):
        if scale >= s:
            return -(-width // s), -(-height // s)
    return width, height


def probe_image(upload, *, max_side=MAX_SIDE, max_bytes=None) -> _Probe:
    """Size, format and pixel count from the header only: nothing is decoded here."""
    data = read_limited(upload, max_bytes or max_image_bytes())
    try:
        with Image.open(io.BytesIO(data), formats=_OPEN_FORMATS) as header:
            fmt, (width, height) = header.format, header.size
    except Image.DecompressionBombError:
        raise _too_many_pixels(upload) from None
    except _BROKEN:
        raise _not_a_picture(upload) from None
    if fmt not in IMAGE_FORMATS or width < 1 or height < 1:
        raise _not_a_picture(upload)
    if width * height > max_pixels():
        raise _too_many_pixels(upload)
    w, h = _draft_size(fmt, width, height, max_side)
    return _Probe(upload, data, fmt, width, height, w * h)


def _too_many_pixels(upload):
    return ValidationError(
        _("%(name)s has too many pixels: at most %(mp)s megapixels.")
        % {"name": short_name(upload), "mp": max_pixels() // 1_000_000},
        code="too_many_pixels",
    )


def _decode(probe: _Probe, max_side) -> Checked:
    upload = probe.upload
    try:
        with Image.open(io.BytesIO(probe.data), formats=_OPEN_FORMATS) as source:
            if probe.format in ("JPEG", "MPO"):
                source.draft("RGB", (max_side, max_side))
            alpha = source.mode in ("RGBA", "LA", "PA") or (
                source.mode in ("P", "L", "RGB") and "transparency" in source.info
            )
            image = source
            if image.mode in ("1", "P", "PA"):  # palette pictures are not resized by nearest pixel
                image = image.convert("RGBA" if alpha else "RGB")
            image.thumbnail((max_side, max_side))  # loads (the first frame of a GIF), shrinks
            image = ImageOps.exif_transpose(image)  # upright, on the small copy
            image = image.convert("RGBA" if alpha else "RGB")
            icc = source.info.get("icc_profile")
    except _BROKEN:
        raise _not_a_picture(upload) from None
    if not (icc and icc[16:20] == b"RGB "):  # a CMYK or grey profile does not fit RGB pixels
        icc = None
    body, ext = _encode(image, alpha, icc)
    return Checked(
        "image",
        ContentFile(body, name=f"{uuid.uuid4().hex}.{ext}"),
        short_name(upload),
        len(body),
        image.width,
        image.height,
    )


def _encode(image, alpha, icc):
    """Re-encode without EXIF or text chunks (only the colour profile is kept)."""
    extra = {"icc_profile": icc} if icc else {}
    if alpha:
        out = io.BytesIO()
        image.save(out, "PNG", optimize=True, **extra)
        if out.tell() <= MAX_STORED_BYTES:
            return out.getvalue(), "png"
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True, **extra)
    return out.getvalue(), "jpg"


def check_image(upload, *, max_side=MAX_SIDE, max_bytes=None) -> Checked:
    """One picture: header checks, then decoded, upright, shrunk, re-encoded without EXIF."""
    return _decode(probe_image(upload, max_side=max_side, max_bytes=max_bytes), max_side)


def check_images(uploads, *, max_count, max_side=MAX_SIDE, max_bytes=None) -> list[Checked]:
    """Several pictures: every header is checked, and the decoding cost of all of them
    together bounded, before the first one is decoded."""
    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > max_count:
        raise ValidationError(
            _("At most %(n)d pictures at a time.") % {"n": max_count}, code="too_many"
        )
    probes = [probe_image(u, max_side=max_side, max_bytes=max_bytes) for u in uploads]
    if sum(p.cost for p in probes) > max_batch_pixels():
        raise ValidationError(
            _("These pictures are too large together. Send fewer or smaller pictures."),
            code="too_many_pixels",
        )
    return [_decode(p, max_side) for p in probes]


def check_pdf(upload, *, max_bytes=None) -> Checked:
    data = read_limited(upload, max_bytes or max_pdf_bytes())
    if not data.startswith(b"%PDF-"):
        raise ValidationError(
            _("%(name)s is not a PDF file.") % {"name": short_name(upload)}, code="bad_type"
        )
    return Checked(
        "pdf", ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"), short_name(upload), len(data)
    )


def check_document(upload, *, max_side=MAX_SIDE) -> Checked:
    """A picture or a PDF, decided by the first bytes."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return check_pdf(upload)
    return check_image(upload, max_side=max_side)


def delete_on_commit(field_file) -> None:
    """Remove a stored file once the transaction that stopped using it commits."""
    name = getattr(field_file, "name", "") or ""
    if not name:
        return
    storage = field_file.storage
    transaction.on_commit(lambda: storage.delete(name))
