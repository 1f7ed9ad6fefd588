"""Reports a person made (PIPL export); on deletion the reports stay, without the reporter."""

from .models import Report


def export(person):
    return {"reports": [{"reason": r.reason, "note": r.note, "created_at": r.created_at.isoformat()} for r in Report.objects.filter(reporter=person).order_by("pk")]}


def anonymise(person):
    Report.objects.filter(reporter=person).update(note="")
