from datetime import timedelta

import pytest
from django.utils import timezone

from linli.consult import actions
from linli.consult.models import Consultation


def set_open(c, state="open"):
    now = timezone.now()
    opens, closes = {
        "open": (now - timedelta(hours=1), now + timedelta(days=1)),
        "closed": (now - timedelta(days=2), now - timedelta(seconds=1)),
        "future": (now + timedelta(days=1), now + timedelta(days=2)),
    }[state]
    Consultation.objects.filter(pk=c.pk).update(opens_at=opens, closes_at=closes)
    c.opens_at, c.closes_at = opens, closes
    return c


@pytest.fixture
def survey(people, tree):
    """A needs survey: single choice, a conditional text, multiple, ranking, rating, number."""

    def _make(**kwargs):
        now = timezone.now()
        c = actions.consultation_create(
            neighborhood=tree.neighborhood,
            actor=people["staff"],
            title="一米会客厅需求调查",
            opens_at=now + timedelta(hours=1),  # questions are added before answering opens
            closes_at=now + timedelta(days=7),
            **kwargs,
        )
        s = people["staff"]
        q_use = actions.question_add(
            consultation=c, actor=s, kind="single", text="会使用吗？", choices=["会", "不会"]
        )
        why = actions.question_add(
            consultation=c,
            actor=s,
            kind="text",
            text="为什么不会？",
            show_if=q_use.choices.get(label="不会"),
        )
        multi = actions.question_add(
            consultation=c,
            actor=s,
            kind="multiple",
            text="需要什么活动？",
            choices=["亲子", "读书", "议事"],
            required=False,
        )
        rank = actions.question_add(
            consultation=c,
            actor=s,
            kind="ranking",
            text="排序",
            choices=["甲", "乙", "丙"],
            required=False,
        )
        rating = actions.question_add(
            consultation=c, actor=s, kind="rating", text="满意度", required=False
        )
        number = actions.question_add(
            consultation=c, actor=s, kind="number", text="每周几次？", required=False
        )
        c.q = dict(use=q_use, why=why, multi=multi, rank=rank, rating=rating, number=number)
        Consultation.objects.filter(pk=c.pk).update(opens_at=now - timedelta(hours=1))
        c.refresh_from_db()
        return c

    return _make


def choice(q, label):
    return q.choices.get(label=label).pk


@pytest.fixture(autouse=True)
def _english_messages():
    """Action tests match the English messages (pages and the API pick the language per request)."""
    from django.utils import translation

    with translation.override("en"):
        yield
