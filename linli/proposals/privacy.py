"""What the proposals app holds about a person: the proposals they made and the supports they
gave for their household."""

from .models import Proposal, Support


def export(person):
    return {
        "proposals": [
            {"id": p.pk, "title": p.title, "body": p.body, "created_at": p.created_at.isoformat()}
            for p in Proposal.objects.filter(author=person).order_by("pk")
        ],
        "proposal_supports": [
            {"proposal": s.proposal_id, "created_at": s.created_at.isoformat()}
            for s in Support.objects.filter(person=person).order_by("pk")
        ],
    }


def anonymise(person):
    """Proposals stay public without their author (the foreign key is set to null when the
    account goes); a household's support stays, counted for the household, not the person."""
