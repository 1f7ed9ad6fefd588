"""What decisions hold about a person (PIPL): discussion comments and the ballots they cast.

Ballots stay after deletion (they are the household's vote and part of a published count);
the person's name is taken off them. Comments stay, shown as a former resident's.
"""

from .models import Ballot, BallotChoice, Comment


def export(person):
    ballots = list(Ballot.objects.filter(cast_by=person).select_related("decision"))
    choices = {}
    for ballot_id, title in (
        BallotChoice.objects.filter(ballot__in=ballots)
        .order_by("ballot_id", "rank")
        .values_list("ballot_id", "option__title")
    ):
        choices.setdefault(ballot_id, []).append(title)
    return {
        "decision_comments": [
            {"decision": c.decision.title, "body": c.body, "created_at": c.created_at.isoformat()}
            for c in Comment.objects.filter(author=person).select_related("decision")
        ],
        "ballots_cast": [
            {
                "decision": b.decision.title,
                "channel": b.channel,
                "cast_at": b.cast_at.isoformat(),
                "choices": choices.get(b.pk, []),
            }
            for b in ballots
        ],
    }


def anonymise(person):
    Ballot.objects.filter(resident=person).update(resident=None)
    Ballot.objects.filter(cast_by=person).update(cast_by=None)
    Comment.objects.filter(author=person).update(author=None)
