"""Open311 API keys: staff create one per client app; only the hash is stored."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require

from ..models import ApiKey


def _hash(key: str) -> str:
    return hashlib.sha256((key or "").strip().encode()).hexdigest()


@transaction.atomic
def apikey_create(*, actor, neighborhood, name) -> tuple[ApiKey, str]:
    """A new key for an Open311 client. Returns the row and the key, shown once."""
    require(actor, "office.manage_api_keys", neighborhood)
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            _("Say who will use the key (e.g. the street's service app)."), code="name"
        )
    key = "o311_" + secrets.token_urlsafe(24)
    row = ApiKey.objects.create(
        neighborhood=neighborhood,
        name=name[:100],
        key_hash=_hash(key),
        prefix=key[:8],
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="office.apikey_create",
        target=row,
        neighborhood=neighborhood,
        after={"name": row.name},
    )
    return row, key


@transaction.atomic
def apikey_revoke(*, actor, key) -> ApiKey:
    require(actor, "office.manage_api_keys", key.neighborhood)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="office.apikey_revoke",
            target=key,
            neighborhood=key.neighborhood_id,
            after={"name": key.name},
        )
    return key


def apikey_check(key: str) -> ApiKey | None:
    """The open key matching `key`, or None."""
    if not key or len(key) > 200:
        return None
    row = (
        ApiKey.objects.select_related("neighborhood")
        .filter(key_hash=_hash(key), revoked_at=None)
        .first()
    )
    if row is not None:
        ApiKey.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row
