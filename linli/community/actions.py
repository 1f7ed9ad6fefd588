"""Every write to the neighborhood, its households, people and roles.

Each function is one user action, runs in a transaction and checks what the database
cannot. Views, the API, commands and the demo loader all call these.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core import ratelimit
from linli.notify.actions import notify

from .models import (
    Building,
    Compound,
    Household,
    InvitationCode,
    Neighborhood,
    Resident,
    Role,
    Street,
    VerificationRequest,
    hash_code,
    normalize_code,
)

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_LENGTH = 10


def format_code(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# --- invitation codes -------------------------------------------------------------


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


# --- accounts ---------------------------------------------------------------------


def _bump_counters(household_id: int, delta: int) -> None:
    # Greatest(…, 0): a counter never goes below zero, even if it was stale before.
    household = Household.objects.select_related("building").get(pk=household_id)
    value = Greatest(F("resident_count") + delta, Value(0))
    Building.objects.filter(pk=household.building_id).update(resident_count=value)
    Compound.objects.filter(pk=household.building.compound_id).update(resident_count=value)
    Neighborhood.objects.filter(pk=household.neighborhood_id).update(resident_count=value)


def resident_signup(
    *,
    username: str,
    password: str,
    display_name: str = "",
    real_name: str = "",
    phone: str = "",
    language: str = "zh-hans",
    code: str = "",
    client_ip: str = "",
) -> Resident:
    """Create an account. With a valid invitation code it joins that household, verified.

    Without a code the account can read what is public and ask staff to verify it.
    Two people racing with the same code: the code row is locked, one wins.
    """
    if Resident.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken.")})
    person = Resident(
        username=username,
        display_name=display_name,
        real_name=real_name,
        phone=phone,
        language=language,
    )
    validate_password(password, person)
    person.set_password(password)
    person.full_clean(exclude=["password"])
    with transaction.atomic():
        if code:
            found = invitation_check(code=code, client_ip=client_ip)
            invitation = InvitationCode.objects.select_for_update().get(pk=found.pk)
            if invitation.status != "active":
                raise ValidationError(
                    _(
                        "This invitation code has already been used. Ask the committee for a new one."
                    ),
                    code="used",
                )
            person.household_id = invitation.household_id
            person.verified_at = timezone.now()
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError:
            raise ValidationError({"username": _("This user name is taken.")})
        if code:
            invitation.used_at = person.verified_at
            invitation.used_by = person
            invitation.save(update_fields=["used_at", "used_by"])
            _bump_counters(invitation.household_id, 1)
    return person


@transaction.atomic
def resident_verify(*, resident: Resident, household: Household, actor: Resident) -> Resident:
    """Staff (or the building's leader) link a person to a household by hand."""
    if not actor.has_perm("community.verify_residents", household):
        raise PermissionDenied(_("You may not verify residents of this building."))
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    previous = resident.household_id if resident.is_verified else None
    resident.household = household
    resident.verified_at = timezone.now()
    resident.save(update_fields=["household", "verified_at"])
    if previous != household.pk:
        if previous:
            _bump_counters(previous, -1)
        _bump_counters(household.pk, 1)
    VerificationRequest.objects.filter(
        resident=resident, status=VerificationRequest.Status.PENDING
    ).update(
        status=VerificationRequest.Status.APPROVED, decided_by=actor, decided_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="community.resident_verify",
        target=household,
        subject=resident,
        neighborhood=household.neighborhood_id,
        before={"household": previous},
        after={"household": household.pk},
    )
    notify(
        recipients=[resident],
        kind="community.verified",
        params={"household": f"{household.building.compound.name} {household.building.label}"},
        url="/me/household/",
        actor=actor,
    )
    return resident


@transaction.atomic
def resident_unverify(*, resident: Resident, actor: Resident) -> Resident:
    resident = (
        Resident.objects.select_for_update(of=("self",))
        .select_related("household")
        .get(pk=resident.pk)
    )
    household = resident.household  # loaded with the row above
    if household is None:
        return resident
    if not actor.has_perm("community.verify_residents", household):
        raise PermissionDenied(_("You may not change residents of this building."))
    if resident.verified_at:
        _bump_counters(household.pk, -1)
    audit_record(
        actor=actor,
        action="community.resident_unverify",
        target=household,
        subject=resident,
        neighborhood=household.neighborhood_id,
        before={"household": resident.household_id},
        after={"household": None},
    )
    resident.household = None
    resident.verified_at = None
    resident.save(update_fields=["household", "verified_at"])
    return resident


@transaction.atomic
def verification_request_create(
    *, resident: Resident, building: Building, unit: str, room: str, note: str = ""
) -> VerificationRequest:
    if resident.is_verified:
        raise ValidationError(_("Your account is already verified."))
    if VerificationRequest.objects.filter(
        resident=resident, status=VerificationRequest.Status.PENDING
    ).exists():
        raise ValidationError(_("You already have a request waiting for the committee."))
    request = VerificationRequest(
        resident=resident,
        neighborhood_id=building.neighborhood_id,
        building=building,
        unit=unit.strip(),
        room=room.strip(),
        note=note.strip(),
    )
    request.full_clean()
    request.save()
    return request


def verification_request_household(request: VerificationRequest) -> Household | None:
    return Household.objects.filter(
        building_id=request.building_id, unit=request.unit, room=request.room
    ).first()


@transaction.atomic
def verification_request_decide(
    *, request: VerificationRequest, approve: bool, actor: Resident, reason: str = ""
) -> VerificationRequest:
    request = VerificationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != VerificationRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not actor.has_perm("community.verify_residents", request.building):
        raise PermissionDenied(_("You may not verify residents of this building."))
    if approve:
        household = verification_request_household(request)
        if household is None:
            raise ValidationError(
                _("There is no household at this address. Import it first, or reject the request.")
            )
        resident_verify(resident=request.resident, household=household, actor=actor)
        request.refresh_from_db()
    else:
        if not reason.strip():
            raise ValidationError(_("Say why the request is rejected: the resident will read it."))
        request.status = VerificationRequest.Status.REJECTED
        request.reason = reason.strip()
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.save()
        audit_record(
            actor=actor,
            action="community.verification_reject",
            target=request,
            subject=request.resident_id,
            neighborhood=request.neighborhood_id,
            target_label=f"{request.building} {request.unit}-{request.room}",
            after={"reason": request.reason},
        )
        notify(
            recipients=[request.resident_id],
            kind="community.verification_rejected",
            params={"reason": request.reason},
            url="/accounts/verify/",
            actor=actor,
        )
    return request


@transaction.atomic
def profile_update(
    *,
    resident: Resident,
    display_name: str,
    phone: str,
    language: str,
    real_name: str | None = None,
    skills: str | None = None,
) -> Resident:
    resident.display_name = display_name.strip()
    resident.phone = phone.strip()
    resident.language = language
    fields = ["display_name", "phone", "language"]
    if skills is not None:
        resident.skills = ", ".join(
            s.strip() for s in skills.replace("，", ",").split(",") if s.strip()
        )[:200]
        fields.append("skills")
    if real_name is not None:
        resident.real_name = real_name.strip()
        fields.append("real_name")
    resident.full_clean(exclude=["password", "username"])
    resident.save(update_fields=fields)
    return resident


@transaction.atomic
def resident_email_set(*, resident: Resident, email: str) -> Resident:
    """Set the address that receives the person's emails. Called by notify once the person has
    confirmed it through the signed link (or to remove it): never set an unconfirmed address."""
    if email:
        from django.core.validators import validate_email

        validate_email(email)
    resident.email = email
    resident.save(update_fields=["email"])
    return resident


# --- roles ------------------------------------------------------------------------


def _refuse_own_role(person_id: int | None, actor: Resident) -> None:
    if person_id == actor.pk:
        raise PermissionDenied(
            _("Nobody grants or removes a role of their own; ask who is above you.")
        )


@transaction.atomic
def role_grant(
    *,
    person: Resident,
    kind: str,
    actor: Resident,
    neighborhood: Neighborhood | None = None,
    building: Building | None = None,
    street: Street | None = None,
) -> Role:
    """Grant a role, only within the actor's authority (rules: community.grant_role; street staff
    by an administrator), never to the actor themselves; audited with who granted it."""
    if building is not None:
        neighborhood = building.neighborhood
    _refuse_own_role(person.pk, actor)
    if kind == Role.Kind.STREET_STAFF:
        if street is None or not (actor.is_superuser):
            raise PermissionDenied(_("Only an administrator may appoint street staff."))
    else:
        if neighborhood is None:
            raise ValidationError(_("Choose the neighborhood."))
        if kind == Role.Kind.BUILDING_LEADER and building is None:
            raise ValidationError(_("A building leader looks after one building: choose it."))
        if kind != Role.Kind.BUILDING_LEADER:
            building = None
        candidate = Role(person=person, kind=kind, neighborhood=neighborhood, building=building)
        if not actor.has_perm("community.grant_role", candidate):
            raise PermissionDenied(
                _(
                    "You may grant only roles below your own, in a neighborhood where you grant roles."
                )
            )
    role, created = Role.objects.get_or_create(
        person=person,
        kind=kind,
        street=street if kind == Role.Kind.STREET_STAFF else None,
        neighborhood=None if kind == Role.Kind.STREET_STAFF else neighborhood,
        building=building,
        defaults={"granted_by": actor},
    )
    if not created:
        raise ValidationError(
            _("%(person)s already holds this role.") % {"person": person.public_name}
        )
    audit_record(
        actor=actor,
        action="community.role_grant",
        target=role,
        subject=person,
        neighborhood=role.neighborhood_id,
        target_label=f"{person.username} · {kind}",
        after={"kind": kind, "building": role.building_id, "street": role.street_id},
        always=True,
    )
    notify(
        recipients=[person],
        kind="community.role_granted",
        params={"role": kind, "neighborhood": str(neighborhood or street)},
        actor=actor,
    )
    return role


@transaction.atomic
def role_revoke(*, role: Role, actor: Resident) -> None:
    """Remove a role, only within the actor's authority (rules: community.revoke_role; street staff
    by an administrator), never the actor's own; audited with who removed it."""
    _refuse_own_role(role.person_id, actor)
    if role.kind == Role.Kind.STREET_STAFF:
        if not actor.is_superuser:
            raise PermissionDenied(_("Only an administrator may change street staff."))
    elif not actor.has_perm("community.revoke_role", role):
        raise PermissionDenied(
            _("You may remove only roles below your own, in a neighborhood where you grant roles.")
        )
    audit_record(
        actor=actor,
        action="community.role_revoke",
        target=role,
        subject=role.person_id,
        neighborhood=role.neighborhood_id,
        target_label=f"{role.person.username} · {role.kind}",
        before={"kind": role.kind, "building": role.building_id, "street": role.street_id},
        always=True,
    )
    role.delete()


# --- counters ---------------------------------------------------------------------


@transaction.atomic
def counters_refresh(*, neighborhood: Neighborhood) -> None:
    """Recount households and verified residents for a neighborhood (after an import or a load)."""
    verified = Q(households__residents__verified_at__isnull=False)
    for building in Building.objects.filter(neighborhood=neighborhood).annotate(
        h=Count("households", distinct=True), r=Count("households__residents", filter=verified)
    ):
        Building.objects.filter(pk=building.pk).update(
            household_count=building.h, resident_count=building.r
        )
    for compound in Compound.objects.filter(neighborhood=neighborhood).annotate(
        h=Sum("buildings__household_count"), r=Sum("buildings__resident_count")
    ):
        Compound.objects.filter(pk=compound.pk).update(
            household_count=compound.h or 0, resident_count=compound.r or 0
        )
    totals = Compound.objects.filter(neighborhood=neighborhood).aggregate(
        h=Sum("household_count"), r=Sum("resident_count")
    )
    Neighborhood.objects.filter(pk=neighborhood.pk).update(
        household_count=totals["h"] or 0, resident_count=totals["r"] or 0
    )


# --- personal data (PIPL) ---------------------------------------------------------


def resident_export(*, person: Resident) -> dict[str, Any]:
    """Everything Linli holds about a person, gathered from every app's privacy.py."""
    from linli.core.registry import app_modules

    person = Resident.objects.select_related(
        "household__building__compound", "household__neighborhood"
    ).get(pk=person.pk)
    data = {"exported_at": timezone.now().isoformat()}
    for module in app_modules("privacy"):
        data.update(module.export(person))
    return data


@transaction.atomic
def resident_delete(*, person: Resident, password: str) -> None:
    """Delete an account: personal data goes, public posts stay under "former resident", the household stays."""
    from linli.core.registry import app_modules

    person = Resident.objects.select_for_update().get(pk=person.pk)
    if not person.check_password(password):
        raise ValidationError({"password": _("The password is not right.")})
    for module in app_modules("privacy"):
        module.anonymise(person)
    if person.household_id and person.verified_at:
        _bump_counters(person.household_id, -1)
    person.username = f"deleted-{person.pk}"
    person.set_unusable_password()
    person.display_name = person.real_name = person.phone = person.email = person.first_name = (
        person.last_name
    ) = ""
    person.household = None
    person.verified_at = None
    person.is_active = False
    person.is_staff = person.is_superuser = False
    person.deleted_at = timezone.now()
    person.save()
