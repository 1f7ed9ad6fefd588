"""What the talent pool holds about a person, and how it forgets them (PIPL)."""

from .models import Invitation, TalentProfile


def export(person):
    profile = TalentProfile.objects.filter(person=person).prefetch_related("skills").first()
    return {
        "talent_profile": None
        if profile is None
        else {
            "skills": [s.name for s in profile.skills.all()],
            "other_skills": profile.tags,
            "background": profile.background,
            "languages": profile.languages,
            "help_kinds": profile.help_kinds,
            "availability": profile.availability,
            "visibility": profile.visibility,
            "contact_allowed": profile.contact_allowed,
            "consent_at": profile.consent_at.isoformat() if profile.consent_at else None,
            "withdrawn_at": profile.withdrawn_at.isoformat() if profile.withdrawn_at else None,
        },
        "talent_invitations": [
            {
                "to": i.target_label,
                "kind": i.target_kind,
                "status": i.status,
                "message": i.message,
                "note": i.response_note,
                "created_at": i.created_at.isoformat(),
            }
            for i in Invitation.objects.filter(profile__person=person)
        ],
    }


def anonymise(person):
    """Leave the pool through profile_withdraw (open invitations are declined, skill counts
    refreshed), then the profile goes."""
    from .actions import profile_withdraw, skill_counts_refresh

    profile_withdraw(person=person)
    skill_ids = list(
        TalentProfile.skills.through.objects.filter(talentprofile__person=person).values_list(
            "skill_id", flat=True
        )
    )
    TalentProfile.objects.filter(person=person).delete()
    skill_counts_refresh(skill_ids)
