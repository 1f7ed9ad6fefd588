"""Project drawings and photos: the shared checks of linli.core.uploads (content, not name;
header before decoding; EXIF dropped), with the project's own limits."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from linli.core.uploads import Checked, check_document, check_pdf
from linli.core.uploads import check_image as _check_image

__all__ = ["Checked", "check_design_file", "check_design_files", "check_image", "check_pdf"]

MAX_SIDE = 2000  # drawings keep more detail than forum pictures
MAX_FILES = 12


def check_image(upload, *, max_side=MAX_SIDE) -> Checked:
    return _check_image(upload, max_side=max_side)


def check_design_file(upload) -> Checked:
    """An image or a PDF, decided by the first bytes."""
    return check_document(upload, max_side=MAX_SIDE)


def check_design_files(uploads) -> list[Checked]:
    uploads = list(uploads)
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("At most 12 files per version."), code="too_many")
    return [check_design_file(u) for u in uploads]
