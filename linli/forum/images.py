"""Uploaded pictures: checked to be real images, resized, re-encoded without EXIF."""

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # larger claims are decompression bombs
MAX_SIDE = 1600
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def process(upload):
    """→ (ContentFile, ext, width, height). Raises ValidationError with a message for people."""
    name = getattr(upload, "name", "") or _("picture")
    if upload.size > MAX_UPLOAD:
        raise ValidationError(_("%(name)s is larger than 10 MB.") % {"name": name})
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in FORMATS:
                raise ValidationError(
                    _("%(name)s is not a JPEG, PNG, WebP or GIF picture.") % {"name": name}
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("%(name)s has too many pixels.") % {"name": name})
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image = ImageOps.exif_transpose(image)
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("%(name)s is not a picture we can read.") % {"name": name}
        ) from None
    keep_alpha = (
        image.mode in ("RGBA", "LA", "P")
        and "transparency" in image.info
        or image.mode in ("RGBA", "LA")
    )
    out = io.BytesIO()
    if keep_alpha:
        image.convert("RGBA").save(out, "PNG", optimize=True)
        ext = "png"
    else:
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        ext = "jpg"
    return ContentFile(out.getvalue()), ext, image.width, image.height, secrets.token_hex(12)
