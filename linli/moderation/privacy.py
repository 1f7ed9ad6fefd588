"""What moderation holds about a person (PIPL export): reports made, appeals, mutes and bans.
On deletion the reports stay without their notes; fingerprints, appeals' notes and sanctions go."""

from .models import Case, Fingerprint, Report, Sanction


def export(person):
    return {
        "reports": [
            {"reason": r.reason, "note": r.note, "created_at": r.created_at.isoformat()}
            for r in Report.objects.filter(reporter=person).order_by("pk")
        ],
        "appeals": [
            {"note": c.appeal_note, "appealed_at": c.appealed_at.isoformat(), "status": c.status}
            for c in Case.objects.filter(author=person, appealed_at__isnull=False).order_by("pk")
        ],
        "sanctions": [
            {
                "kind": s.kind,
                "reason": s.reason,
                "until": s.until.isoformat() if s.until else None,
                "created_at": s.created_at.isoformat(),
            }
            for s in Sanction.objects.filter(person=person).order_by("pk")
        ],
    }


def anonymise(person):
    Report.objects.filter(reporter=person).update(note="")
    Case.objects.filter(author=person).update(appeal_note="")
    Fingerprint.objects.filter(author=person).delete()
    Sanction.objects.filter(person=person).delete()
