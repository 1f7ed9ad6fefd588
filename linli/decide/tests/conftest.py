from datetime import timedelta

import pytest
from django.utils import timezone

from linli.decide import actions
from linli.decide.models import Decision, Rule


@pytest.fixture
def make_decision(people, tree):
    def _make(*, options=("A", "B", "C"), approves=(), phase="voting", **kwargs):
        now = timezone.now()
        d = actions.decision_create(
            neighborhood=tree.neighborhood,
            actor=people["secretary"],
            title=kwargs.pop("title", "新垃圾房选址"),
            voting_opens_at=now + timedelta(days=1),
            voting_closes_at=now + timedelta(days=2),
            options=[{"title": t, "approves": i in approves} for i, t in enumerate(options)],
            draft=not options,
            **kwargs,
        )
        set_phase(d, phase)
        return d

    return _make


def set_phase(decision, phase):
    now = timezone.now()
    if phase == "voting":
        opens, closes = now - timedelta(hours=1), now + timedelta(days=1)
    elif phase == "closed":
        opens, closes = now - timedelta(days=2), now - timedelta(seconds=1)
    else:
        opens, closes = now + timedelta(days=1), now + timedelta(days=2)
    Decision.objects.filter(pk=decision.pk).update(voting_opens_at=opens, voting_closes_at=closes)
    decision.voting_opens_at, decision.voting_closes_at = opens, closes
    return decision


@pytest.fixture
def art278_major(db):
    return Rule.objects.get(neighborhood=None, key="art278-major")


@pytest.fixture(autouse=True)
def _english_messages():
    """Action tests match the English messages (pages and the API pick the language per request)."""
    from django.utils import translation

    with translation.override("en"):
        yield
