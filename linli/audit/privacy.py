from .models import AuditEntry


def export(person):
    return {
        "audit_entries_about_me": [
            {
                "when": e.created_at.isoformat(),
                "action": e.action,
                "what": e.target_label,
                "before": e.before,
                "after": e.after,
            }
            for e in AuditEntry.objects.filter(subject=person).order_by("-created_at")[:5000]
        ],
    }


def anonymise(person):
    # The log is the committee's record of what staff did; it stays, pointing to the anonymised account.
    return None
