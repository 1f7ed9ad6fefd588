"""/api/v1/moderation/ for committee staff: try the scorer, the queue and its decisions, word lists, retraining."""

from datetime import datetime
from enum import StrEnum

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import choices
from linli.community.models import Neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, scoring, screen, selectors
from .actions import MUTE_DAYS_MAX, NOTE_MAX, WORD_MAX
from .models import Case, Word

router = Router(tags=["moderation"])
PREFIX = "/moderation"
MAX_ID = 2**63 - 1
SLUG = r"^[-a-zA-Z0-9_]+$"
TEXT_MAX = 20_000


class ScoreIn(Schema):
    text: str = Field(..., max_length=TEXT_MAX)
    neighborhood: str | None = Field(
        None, pattern=SLUG, max_length=50, description="apply this neighborhood's word lists"
    )


class PersonalOut(Schema):
    kind: str
    text: str


class ScoreOut(Schema):
    score: float
    decision: str
    reasons: list[str]
    personal: list[PersonalOut]


class CaseOut(Schema):
    id: int
    source: str
    status: str
    hidden: bool
    score: float | None
    reasons: list[str]
    report_count: int
    excerpt: str
    url: str
    author_id: int | None
    appeal_note: str
    appealed_at: datetime | None
    updated_at: datetime


class StatusFilter(Schema):
    status: Case.Status = Case.Status.OPEN


class Decision(StrEnum):
    approve = "approve"
    hide = "hide"
    delete = "delete"
    warn = "warn"
    mute = "mute"
    ban = "ban"


class DecisionIn(Schema):
    decision: Decision
    note: str = Field("", max_length=NOTE_MAX)
    days: int | None = Field(None, ge=1, le=MUTE_DAYS_MAX)


class WordIn(Schema):
    word: str = Field(..., min_length=1, max_length=WORD_MAX)
    kind: choices(Word.Kind) = Word.Kind.WATCH  # (in place: projects and sorting have a `Kind` too)


class WordOut(Schema):
    id: int
    word: str
    kind: str


def _case_row(case):
    return {
        "id": case.pk,
        "source": case.source,
        "status": case.status,
        "hidden": case.hidden,
        "score": case.score,
        "reasons": [str(r) for r in case.reasons],
        "report_count": case.report_count,
        "excerpt": case.excerpt,
        "url": case.url,
        "author_id": case.author_id,
        "appeal_note": case.appeal_note,
        "appealed_at": case.appealed_at,
        "updated_at": case.updated_at,
    }


@router.post(
    "/score",
    response=ScoreOut,
    auth=signed_in,
    summary="Score a text as a newly verified resident's topic (staff)",
)
def score(request, payload: ScoreIn):
    require(request.user, "moderation.score", None)
    words = {}
    if payload.neighborhood:
        neighborhood = get_object_or_404(Neighborhood, slug=payload.neighborhood)
        require(request.user, "moderation.manage_words", neighborhood)
        words = screen.words_of(neighborhood)
    verdict = scoring.score(
        payload.text.replace("\x00", ""),
        signals=scoring.NEWLY_VERIFIED,
        classifier=screen.classifier(),
        words=words,
    )
    return {
        "score": verdict.score,
        "decision": verdict.decision,
        "reasons": verdict.reasons,
        "personal": [{"kind": k, "text": t} for k, t in verdict.personal],
    }


@router.get(
    "/n/{slug}/cases",
    response=list[CaseOut],
    auth=signed_in,
    summary="The queue: reported and held posts by status",
)
@paginate(Pages)
def case_list(
    request, slug: str = Path(..., pattern=SLUG, max_length=50), filters: StatusFilter = Query(...)
):
    neighborhood = neighborhood_or_404(request, slug, "moderation.review")
    return Mapped(selectors.queue(neighborhood=neighborhood, status=filters.status), _case_row)


@router.post(
    "/cases/{case_id}/decision",
    response=CaseOut,
    auth=signed_in,
    summary="Approve, hide, delete, warn, mute or ban (audited; the author is told)",
)
def case_decide(request, payload: DecisionIn, case_id: int = Path(..., ge=1, le=MAX_ID)):
    case = get_object_or_404(Case, pk=case_id)
    require(request.user, "moderation.review", case)
    case = actions.case_decide(
        case=case,
        actor=request.user,
        decision=payload.decision.value,
        note=payload.note,
        days=payload.days,
    )
    return _case_row(case)


@router.get(
    "/n/{slug}/words",
    response=list[WordOut],
    auth=signed_in,
    summary="The neighborhood's blocked and watched words",
)
@paginate(Pages)
def word_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "moderation.manage_words")
    return (
        Word.objects.filter(neighborhood=neighborhood)
        .order_by("kind", "word", "pk")
        .values("id", "word", "kind")
    )


@router.post(
    "/n/{slug}/words", response={201: WordOut}, auth=signed_in, summary="Block or watch a word"
)
def word_add(request, payload: WordIn, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "moderation.manage_words")
    word = actions.word_add(
        actor=request.user, neighborhood=neighborhood, word=payload.word, kind=payload.kind.value
    )
    return Status(201, {"id": word.pk, "word": word.word, "kind": word.kind})


@router.delete(
    "/words/{word_id}", response={204: None}, auth=signed_in, summary="Remove a word from the lists"
)
def word_remove(request, word_id: int = Path(..., ge=1, le=MAX_ID)):
    word = get_object_or_404(Word.objects.select_related("neighborhood"), pk=word_id)
    require(request.user, "moderation.manage_words", word.neighborhood)
    actions.word_remove(actor=request.user, word=word)
    return Status(204, None)
