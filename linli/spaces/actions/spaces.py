"""Spaces themselves: save, photos."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core import uploads as upload_checks
from linli.core.perms import require
from linli.spaces.models import Space


def _photo(space, value):
    """A new upload goes through linli.core.uploads (content, EXIF removed); the file it
    replaces, or a cleared one, is deleted once the change commits."""
    if isinstance(value, UploadedFile):
        try:
            value = upload_checks.check_image(value, max_side=1600).content
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
    elif value and getattr(value, "name", value) == space.photo.name:
        return value  # unchanged
    if space.pk and space.photo:
        upload_checks.delete_on_commit(space.photo)  # takes the name now, deletes on commit
    return value


@transaction.atomic
def space_save(*, actor, neighborhood, space=None, **fields) -> Space:
    """Create or change a space (committee staff)."""
    require(actor, "spaces.manage_space", neighborhood)
    if space is not None and space.neighborhood_id != neighborhood.pk:
        raise PermissionDenied(_("You do not have permission to do this."))
    creating = space is None
    space = space or Space(neighborhood=neighborhood)
    before = {k: str(getattr(space, k)) for k in fields} if not creating else None
    if "photo" in fields:
        fields["photo"] = _photo(space, fields["photo"])
    for key, value in fields.items():
        setattr(space, key, value)
    space.full_clean()
    space.save()
    audit_record(
        actor=actor,
        action="spaces.space_create" if creating else "spaces.space_update",
        target=space,
        neighborhood=neighborhood,
        before=before,
        after={k: str(v) for k, v in fields.items() if k != "photo"},
    )
    return space
