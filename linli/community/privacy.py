"""What the community app holds about a person, and how it forgets them (PIPL)."""

from .models import InvitationCode, Role, VerificationRequest


def export(person):
    household = person.household
    return {
        "account": {
            "username": person.username,
            "display_name": person.display_name,
            "real_name": person.real_name,
            "phone": person.phone,
            "email": person.email,
            "language": person.language,
            "date_joined": person.date_joined.isoformat(),
            "last_login": person.last_login.isoformat() if person.last_login else None,
            "verified_at": person.verified_at.isoformat() if person.verified_at else None,
        },
        "household": None
        if household is None
        else {
            "neighborhood": household.neighborhood.name,
            "compound": household.building.compound.name,
            "building": household.building.number,
            "unit": household.unit,
            "room": household.room,
            "area_m2": str(household.area),
            "owner_occupied": household.owner_occupied,
        },
        "roles": [
            {
                "role": r.kind,
                "neighborhood": r.neighborhood.name if r.neighborhood else None,
                "building": r.building.number if r.building else None,
            }
            for r in Role.objects.filter(person=person).select_related("neighborhood", "building")
        ],
        "verification_requests": [
            {
                "building": v.building.number,
                "unit": v.unit,
                "room": v.room,
                "note": v.note,
                "status": v.status,
                "created_at": v.created_at.isoformat(),
            }
            for v in VerificationRequest.objects.filter(resident=person).select_related("building")
        ],
        "invitation_codes_used": [
            {"household": c.household_id, "used_at": c.used_at.isoformat()}
            for c in InvitationCode.objects.filter(used_by=person)
        ],
    }


def anonymise(person):
    """Roles end with the audit entry a secretary's revocation writes (the committee sees that
    its building leader left; without a subject, as the account is going: the log skips what a
    person does to themselves); verification requests go."""
    from linli.audit.actions import audit_record

    for role in Role.objects.filter(person=person).order_by("pk"):
        audit_record(
            actor=person,
            action="community.role_revoke",
            target=role,
            neighborhood=role.neighborhood_id,
            target_label=str(role.get_kind_display()),
            before={"kind": role.kind, "building": role.building_id},
            after={"reason": "account deleted"},
        )
    Role.objects.filter(person=person).delete()
    VerificationRequest.objects.filter(resident=person).delete()
