"""Residents: sign up, verify, unverify, verification requests, profile and email."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import (
    Building,
    Household,
    InvitationCode,
    Resident,
    VerificationRequest,
)
from linli.core.screening import screened
from linli.notify.actions import notify

from .common import _bump_counters
from .invitations import invitation_check


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
        params={
            "compound": household.building.compound.name,
            "compound_en": household.building.compound.name_en,
            "building": household.building.number,
        },
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
    display_name = display_name.strip()
    hold_it = None
    if display_name and display_name not in (resident.display_name, resident.display_name_pending):
        household = resident.household if resident.household_id else None
        if household is not None:  # names of verified residents are shown to their neighbours
            hold_it = screened(
                author=resident,
                text=display_name,
                kind="community.display_name",
                neighborhood=household.neighborhood,
                public=False,
            )
    if hold_it is not None and hold_it.verdict.held:
        resident.display_name_pending = display_name  # the old name stays until staff decide
    elif display_name != resident.display_name_pending:
        resident.display_name, resident.display_name_pending = display_name, ""
    resident.phone = phone.strip()
    resident.language = language
    fields = ["display_name", "display_name_pending", "phone", "language"]
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
    if hold_it is not None:
        hold_it(resident)
    return resident


def display_name_release(*, resident_id: int, approved: bool) -> None:
    """Moderation's decision on a held display name: approved, it replaces the old one; otherwise
    it is dropped. Called by moderation (its handler for residents) when staff decide."""
    pending = Resident.objects.filter(pk=resident_id).exclude(display_name_pending="")
    if approved:
        pending.update(display_name=models.F("display_name_pending"), display_name_pending="")
    else:
        pending.update(display_name_pending="")


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
