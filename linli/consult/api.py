"""/api/v1/consultations/: consultations, questions, my answer, answering, participation and results — the same rules as the pages."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG, Body
from linli.community.predicates import led_building_ids
from linli.community.shortcuts import neighborhood_or_404
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, selectors
from . import actions as edit_actions
from .models import Answer, Consultation, Question

PREFIX = "/consultations"
router = Router(tags=["consultations"])


class ConsultationOut(Schema):
    id: int
    title: str
    body: str
    per: str
    anonymous: bool
    owners_only: bool
    opens_at: datetime
    closes_at: datetime
    is_open: bool
    response_count: int
    results_published: bool
    is_draft: bool = False


class ConsultationPatch(Body):
    """Only the fields sent change. Until answering opens; after that only `closes_at`."""

    title: str | None = Field(None, min_length=1, max_length=200)
    body: str | None = Field(None, max_length=10_000)
    per: Consultation.Per | None = None
    anonymous: bool | None = None
    owners_only: bool | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None


class QuestionPatch(Body):
    text: str = Field(..., min_length=1, max_length=300)
    required: bool = True
    choices: list[str] | None = Field(None, max_length=50)


class ChoiceOut(Schema):
    id: int
    label: str


class QuestionOut(Schema):
    id: int
    position: int
    kind: str
    text: str
    required: bool
    show_if_choice: int | None
    choices: list[ChoiceOut]


class AnswerIn(Schema):
    question: int = Field(..., ge=1, le=MAX_ID)
    choices: list[int] = Field(
        [], max_length=50, description="single/multiple choice; ranking in order of preference"
    )
    number: Decimal | None = Field(None, description="rating (1–5) or number")
    text: str = Field("", max_length=2000)


class ResponseIn(Schema):
    answers: list[AnswerIn] = Field(..., max_length=200)


class AnswerOut(Schema):
    question: int
    choice: int | None
    rank: int | None
    number: Decimal | None
    text: str


class ResponseOut(Schema):
    id: int
    channel: str
    updated_at: datetime
    answers: list[AnswerOut]


class ConsultationParticipationOut(Schema):
    building_id: int
    compound: str
    building: str
    eligible_households: int
    households_heard: int
    eligible_residents: int
    residents_heard: int


class ChoiceCountOut(Schema):
    id: int
    label: str
    count: int
    average_rank: float | None = Field(description="Ranking questions: the mean rank (1 = first)")


class QuestionResultOut(Schema):
    """A question's counts; which keys are present depends on its kind."""

    id: int
    kind: str
    text: str
    choices: list[ChoiceCountOut] = Field(None, description="Choice and ranking questions")
    count: int = Field(None, description="How many answered (every kind but choices)")
    average: str = Field(None, description="Rating and number questions, as a decimal")
    min: str = Field(None, description="Rating and number questions")
    max: str = Field(None, description="Rating and number questions")
    distribution: dict[str, int] = Field(None, description="Rating questions: count per 1–5")


class ResultsOut(Schema):
    responses: int
    questions: list[QuestionResultOut]


def _row(c) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "body": c.body,
        "per": c.per,
        "anonymous": c.anonymous,
        "owners_only": c.owners_only,
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "is_open": c.is_open,
        "response_count": c.response_count,
        "results_published": c.results_published_at is not None,
        "is_draft": c.is_draft,
    }


def _get(user, pk, perm="consult.view_consultation"):
    c = get_object_or_404(Consultation.objects.select_related("neighborhood"), pk=pk)
    require(user, perm, c)
    return c


@router.get(
    "/n/{slug}",
    response=list[ConsultationOut],
    auth=signed_in,
    summary="Consultations of a neighborhood",
)
@paginate(Pages)
def consultation_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "consult.view_consultation")
    return Mapped(selectors.consultations_of(neighborhood), _row)


@router.get(
    "/{consultation_id}", response=ConsultationOut, auth=signed_in, summary="One consultation"
)
def consultation_detail(request, consultation_id: int = Path(..., ge=1, le=MAX_ID)):
    return _row(_get(request.user, consultation_id))


@router.get(
    "/{consultation_id}/questions",
    response=list[QuestionOut],
    auth=signed_in,
    summary="Its questions",
)
def question_list(request, consultation_id: int = Path(..., ge=1, le=MAX_ID)):
    c = _get(request.user, consultation_id)
    return [
        {
            "id": q.pk,
            "position": q.position,
            "kind": q.kind,
            "text": q.text,
            "required": q.required,
            "show_if_choice": q.show_if_id,
            "choices": [{"id": ch.pk, "label": ch.label} for ch in q.choices.all()],
        }
        for q in selectors.questions_of(c)
    ]


def _response_row(response):
    answers = [
        {
            "question": a.question_id,
            "choice": a.choice_id,
            "rank": a.rank,
            "number": a.number,
            "text": a.text,
        }
        for a in Answer.objects.filter(response=response).order_by("question_id", "rank", "pk")
    ]
    return {
        "id": response.pk,
        "channel": response.channel,
        "updated_at": response.updated_at,
        "answers": answers,
    }


@router.get(
    "/{consultation_id}/answer",
    response={200: ResponseOut, 204: None},
    auth=signed_in,
    summary="My (household's) answer",
)
def answer_mine(request, consultation_id: int = Path(..., ge=1, le=MAX_ID)):
    c = _get(request.user, consultation_id)
    response = selectors.my_response(c, request.user)
    return _response_row(response) if response else Status(204, None)


@router.put(
    "/{consultation_id}/answer",
    response={200: ResponseOut},
    auth=signed_in,
    summary="Answer, or change my answer until it closes",
)
def answer_submit(request, payload: ResponseIn, consultation_id: int = Path(..., ge=1, le=MAX_ID)):
    c = _get(request.user, consultation_id, "consult.answer")
    kinds = dict(Question.objects.filter(consultation=c).values_list("id", "kind"))
    raw = {}
    for a in payload.answers:
        kind = kinds.get(a.question)
        if kind is None:
            raise PermissionDenied(_("This question is not part of this consultation."))
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RANKING):
            raw[a.question] = a.choices
        elif kind in (Question.Kind.RATING, Question.Kind.NUMBER):
            raw[a.question] = "" if a.number is None else str(a.number)
        elif kind == Question.Kind.TEXT:
            raw[a.question] = a.text
    response = actions.response_submit(consultation=c, actor=request.user, answers=raw)
    return _response_row(response)


@router.get(
    "/{consultation_id}/participation",
    response=list[ConsultationParticipationOut],
    auth=signed_in,
    summary="Who has been heard, by building",
)
def participation(request, consultation_id: int = Path(..., ge=1, le=MAX_ID)):
    c = _get(request.user, consultation_id, "consult.view_participation")
    organiser = request.user.has_perm("consult.manage_consultation", c) or request.user.has_perm(
        "community.manage_neighborhood", c.neighborhood
    )
    rows, _compounds, _total = selectors.participation(
        c, None if organiser else led_building_ids(request.user)
    )
    return [
        {
            "building_id": r.building_id,
            "compound": r.building.compound.name,
            "building": r.building.number,
            "eligible_households": r.eligible_households,
            "households_heard": r.households_heard,
            "eligible_residents": r.eligible_residents,
            "residents_heard": r.residents_heard,
        }
        for r in rows
    ]


@router.get(
    "/{consultation_id}/results",
    response=ResultsOut,
    exclude_unset=True,
    auth=signed_in,
    summary="Counts per question (once published, or for staff)",
)
def results(request, consultation_id: int = Path(..., ge=1, le=MAX_ID)):
    c = _get(request.user, consultation_id, "consult.view_results")
    questions = selectors.results(c, selectors.questions_of(c))
    out = []
    for q in questions:
        row = {"id": q.pk, "kind": q.kind, "text": q.text}
        if q.has_choices:
            row["choices"] = [
                {"id": ch.pk, "label": ch.label, "count": n, "average_rank": r}
                for ch, n, r in q.rows
            ]
        elif q.summary:
            n, avg, lo, hi = q.summary
            row |= {"count": n, "average": str(round(avg, 2)), "min": str(lo), "max": str(hi)}
            if q.kind == Question.Kind.RATING:
                row["distribution"] = {str(v): n for v, n in q.ratings}
        else:
            row["count"] = q.text_count if not q.has_choices else 0
        out.append(row)
    return {"responses": c.response_count, "questions": out}


# --- changing a consultation until answering opens; drafts ----------------------------------


@router.get(
    "/n/{slug}/drafts",
    response=list[ConsultationOut],
    auth=signed_in,
    summary="My draft consultations (only their author sees them)",
)
@paginate(Pages)
def draft_list(request, slug: str = Path(..., pattern=SLUG, max_length=50)):
    neighborhood = neighborhood_or_404(request, slug, "consult.create_consultation")
    return Mapped(selectors.drafts_of(neighborhood, request.user), _row)


@router.patch(
    "/{consultation_id}",
    response=ConsultationOut,
    auth=signed_in,
    summary="Change a consultation (staff) until answering opens; then only its closing time",
)
def consultation_update(
    request, payload: ConsultationPatch, consultation_id: int = Path(..., ge=1, le=MAX_ID)
):
    c = _get(request.user, consultation_id, "consult.edit_consultation")
    changes = {
        k: (v.value if hasattr(v, "value") else v)
        for k, v in payload.dict(exclude_unset=True).items()
        if v is not None
    }
    return _row(edit_actions.consultation_update(consultation=c, actor=request.user, **changes))


@router.put(
    "/{consultation_id}/questions/{question_id}",
    response={204: None},
    auth=signed_in,
    summary="Reword a question and replace its choices (staff, until answering opens)",
)
def question_update(
    request,
    payload: QuestionPatch,
    consultation_id: int = Path(..., ge=1, le=MAX_ID),
    question_id: int = Path(..., ge=1, le=MAX_ID),
):
    c = _get(request.user, consultation_id, "consult.edit_consultation")
    question = get_object_or_404(Question, pk=question_id, consultation=c)
    edit_actions.question_update(
        question=question,
        actor=request.user,
        text=payload.text,
        required=payload.required,
        choices=payload.choices,
    )
    return Status(204, None)


@router.delete(
    "/{consultation_id}/questions/{question_id}",
    response={204: None},
    auth=signed_in,
    summary="Remove a question (staff, until answering opens)",
)
def question_remove(
    request,
    consultation_id: int = Path(..., ge=1, le=MAX_ID),
    question_id: int = Path(..., ge=1, le=MAX_ID),
):
    c = _get(request.user, consultation_id, "consult.edit_consultation")
    question = get_object_or_404(Question, pk=question_id, consultation=c)
    edit_actions.question_remove(question=question, actor=request.user)
    return Status(204, None)


@router.post(
    "/{consultation_id}/publish-draft",
    response=ConsultationOut,
    auth=signed_in,
    summary="Publish a draft consultation (it needs a question)",
)
def draft_publish(request, consultation_id: int = Path(..., ge=1, le=MAX_ID)):
    c = _get(request.user, consultation_id, "consult.edit_consultation")
    return _row(edit_actions.consultation_draft_publish(consultation=c, actor=request.user))
