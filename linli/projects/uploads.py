"""Uploaded files checked by content, not by name: images are opened with Pillow, re-encoded
(which drops EXIF and anything hidden after the pixels) and shrunk; PDFs must start with %PDF.
"""

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_SIDE = 2000
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


@dataclass
class Checked:
    kind: str  # "image" or "pdf"
    content: ContentFile
    name: str
    size: int
    width: int = 0
    height: int = 0


def _read(upload, limit):
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("%(name)s is too large: at most %(mb)s MB.")
            % {"name": _short(upload), "mb": limit // (1024 * 1024)},
            code="too_large",
        )
    if not data:
        raise ValidationError(_("%(name)s is empty.") % {"name": _short(upload)}, code="empty")
    return data


def _short(upload):
    return (getattr(upload, "name", "") or "file").rsplit("/", 1)[-1][:60]


def check_image(upload, *, max_side=MAX_SIDE) -> Checked:
    data = _read(upload, MAX_IMAGE_BYTES)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            if fmt not in IMAGE_FORMATS:
                raise ValidationError(
                    _("%(name)s is not a picture we accept (JPEG, PNG, WebP or GIF).")
                    % {"name": _short(upload)},
                    code="bad_type",
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(
                    _("%(name)s has too many pixels.") % {"name": _short(upload)}, code="too_large"
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((max_side, max_side))
            keep_alpha = image.mode in ("RGBA", "LA", "P") and fmt == "PNG"
            out = io.BytesIO()
            if keep_alpha:
                image.convert("RGBA").save(out, "PNG", optimize=True)
                ext = "png"
            else:
                image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
                ext = "jpg"
            width, height = image.size
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("%(name)s is not a picture we accept (JPEG, PNG, WebP or GIF).")
            % {"name": _short(upload)},
            code="bad_type",
        )
    body = out.getvalue()
    return Checked(
        "image",
        ContentFile(body, name=f"{uuid.uuid4().hex}.{ext}"),
        _short(upload),
        len(body),
        width,
        height,
    )


def check_pdf(upload) -> Checked:
    data = _read(upload, MAX_PDF_BYTES)
    if not data.startswith(b"%PDF-"):
        raise ValidationError(
            _("%(name)s is not a PDF file.") % {"name": _short(upload)}, code="bad_type"
        )
    return Checked(
        "pdf", ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"), _short(upload), len(data)
    )


def check_design_file(upload) -> Checked:
    """An image or a PDF, decided by the first bytes."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return check_pdf(upload)
    return check_image(upload)


def check_design_files(uploads) -> list[Checked]:
    uploads = list(uploads)
    if len(uploads) > 12:
        raise ValidationError(_("At most 12 files per version."), code="too_many")
    return [check_design_file(u) for u in uploads]
