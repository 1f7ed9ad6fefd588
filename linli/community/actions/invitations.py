"""Invitation codes: generate, revoke, check (with the guess limit)."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import (
    Household,
    InvitationCode,
    Resident,
    hash_code,
    normalize_code,
)
from linli.core import ratelimit

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


CODE_LENGTH = 10


def format_code(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@dataclass
class IssuedCode:
    household: Household
    code: str  # formatted, shown once


@transaction.atomic
def invitation_generate(
    *, households: Iterable[Household], actor: Resident, days: int | None = None
) -> list[IssuedCode]:
    """Issue one new code per household, revoking any code it still had.

    Only hashes are stored, so the returned codes are the only copy: the caller prints them.
    """
    households = list(households)
    days = days or settings.LINLI["INVITATION_DAYS"]
    now = timezone.now()
    InvitationCode.objects.filter(household__in=households, revoked_at=None, used_at=None).update(
        revoked_at=now
    )
    issued, rows = [], []
    for household in households:
        raw = _new_code()
        rows.append(
            InvitationCode(
                household=household,
                code_hash=hash_code(raw),
                created_by=actor,
                expires_at=now + timedelta(days=days),
            )
        )
        issued.append(IssuedCode(household=household, code=format_code(raw)))
    InvitationCode.objects.bulk_create(rows)
    if households:
        first = households[0]
        audit_record(
            actor=actor,
            action="community.invitation_generate",
            target=first.building,
            neighborhood=first.neighborhood_id,
            target_label=f"{first.building.compound.name} {first.building.label}",
            after={"households": len(households)},
        )
    return issued


@transaction.atomic
def invitation_revoke(*, household: Household, actor: Resident) -> int:
    """Revoke the household's open codes; returns how many were revoked."""
    count = InvitationCode.objects.filter(
        household=household, revoked_at=None, used_at=None
    ).update(revoked_at=timezone.now())
    if count:
        audit_record(
            actor=actor,
            action="community.invitation_revoke",
            target=household,
            neighborhood=household.neighborhood_id,
            after={"revoked": count},
        )
    return count


def _guess_limit() -> int:
    return settings.LINLI["INVITATION_GUESSES_PER_HOUR"]


def invitation_check(*, code: str, client_ip: str) -> InvitationCode:
    """Find the open code for `code`, counting wrong guesses per address.

    Raises ValidationError with a message for the person at the keyboard.
    """
    if ratelimit.exceeded("invite", client_ip, limit=_guess_limit(), window=3600):
        raise ValidationError(
            _(
                "Too many wrong invitation codes from your address. Please try again in an hour, or ask the committee."
            ),
            code="rate_limited",
        )
    if len(normalize_code(code)) != CODE_LENGTH:
        ratelimit.hit("invite", client_ip, window=3600)
        raise ValidationError(
            _("An invitation code has 10 letters and digits, like K7QM-4XPD-2H."), code="malformed"
        )
    invitation = (
        InvitationCode.objects.select_related(
            "household__building__compound", "household__neighborhood"
        )
        .filter(code_hash=hash_code(code))
        .first()
    )
    if invitation is None:
        ratelimit.hit("invite", client_ip, window=3600)
        raise ValidationError(
            _("This invitation code is not valid. Check the letter from the committee."),
            code="invalid",
        )
    status = invitation.status
    if status == "used":
        raise ValidationError(
            _("This invitation code has already been used. Ask the committee for a new one."),
            code="used",
        )
    if status == "revoked":
        raise ValidationError(
            _("This invitation code was withdrawn. Ask the committee for a new one."),
            code="revoked",
        )
    if status == "expired":
        raise ValidationError(
            _("This invitation code has expired. Ask the committee for a new one."), code="expired"
        )
    return invitation
