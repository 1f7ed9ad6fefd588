"""Reads for consultation pages; each a fixed number of queries."""

from django.db.models import Avg, Count, Exists, Max, Min, OuterRef

from linli.community.selectors import household_order

from .actions import audience
from .models import Answer, BuildingTally, Consultation, Question, Response


def consultations_of(neighborhood):
    return Consultation.objects.filter(neighborhood=neighborhood, is_draft=False).order_by(
        "-closes_at", "-pk"
    )


def drafts_of(neighborhood, user):
    """The consultations this person saved as drafts (nobody else sees them)."""
    return Consultation.objects.filter(
        neighborhood=neighborhood, is_draft=True, created_by=user
    ).order_by("-created_at", "-pk")


def questions_of(consultation):
    return list(
        Question.objects.filter(consultation=consultation)
        .prefetch_related("choices")
        .select_related("show_if__question")
        .order_by("position", "pk")
    )


def my_response(consultation, user):
    if not getattr(user, "is_verified", False):
        return None
    key = (
        f"r{user.pk}" if consultation.per == Consultation.Per.RESIDENT else f"h{user.household_id}"
    )
    return Response.objects.filter(
        neighborhood_id=consultation.neighborhood_id, consultation=consultation, respondent_key=key
    ).first()


def response_for(consultation, household, resident=None):
    key = (
        f"r{resident.pk}"
        if consultation.per == Consultation.Per.RESIDENT and resident
        else f"h{household.pk}"
    )
    return Response.objects.filter(
        neighborhood_id=consultation.neighborhood_id, consultation=consultation, respondent_key=key
    ).first()


def prefill(questions, response):
    """Put a response's answers on its questions (q.prev) for the form (one query)."""
    by_q = {}
    if response is not None:
        for a in Answer.objects.filter(response=response):
            p = by_q.setdefault(
                a.question_id, {"choices": set(), "ranks": {}, "number": None, "text": ""}
            )
            if a.choice_id:
                p["choices"].add(a.choice_id)
                if a.rank:
                    p["ranks"][a.choice_id] = a.rank
            if a.number is not None:
                p["number"] = a.number
            p["text"] = a.text or p["text"]
    for q in questions:
        q.prev = by_q.get(q.pk, {"choices": set(), "ranks": {}, "number": None, "text": ""})
        for c in q.choices.all():
            c.checked = c.pk in q.prev["choices"]
            c.rank = q.prev["ranks"].get(c.pk)
        if q.kind == Question.Kind.RATING and q.prev["number"] is not None:
            q.prev["rating"] = int(q.prev["number"])
    return questions


def participation(consultation, building_ids=None):
    qs = (
        BuildingTally.objects.filter(consultation=consultation)
        .select_related("building__compound")
        .order_by("building__compound__name", "building__sort_key")
    )
    if building_ids is not None:
        qs = qs.filter(building_id__in=building_ids)
    rows = list(qs)
    compounds, total = (
        {},
        {
            "name": "",
            "eligible_households": 0,
            "eligible_residents": 0,
            "households_heard": 0,
            "residents_heard": 0,
        },
    )
    for r in rows:
        c = compounds.setdefault(
            r.building.compound_id,
            {
                "name": r.building.compound.name,
                "eligible_households": 0,
                "eligible_residents": 0,
                "households_heard": 0,
                "residents_heard": 0,
            },
        )
        for key in (
            "eligible_households",
            "eligible_residents",
            "households_heard",
            "residents_heard",
        ):
            c[key] += getattr(r, key)
            total[key] += getattr(r, key)
    return rows, list(compounds.values()), total


def households_heard(consultation, building):
    responses = Response.objects.filter(
        neighborhood_id=consultation.neighborhood_id,
        consultation=consultation,
        household_id=OuterRef("pk"),
    )
    return (
        audience(consultation)
        .filter(building=building)
        .select_related("building")
        .annotate(heard=Exists(responses))
        .order_by(*household_order())
    )


def results(consultation, questions):
    """Counts per choice, rating and number summaries (three grouped queries)."""
    answers = Answer.objects.filter(
        neighborhood_id=consultation.neighborhood_id, question__consultation=consultation
    )
    counts = {
        (q, c): (n, r)
        for q, c, n, r in answers.filter(choice__isnull=False)
        .values("question_id", "choice_id")
        .annotate(n=Count("id"), r=Avg("rank"))
        .values_list("question_id", "choice_id", "n", "r")
    }
    numbers = {
        q: (n, avg, lo, hi)
        for q, n, avg, lo, hi in answers.filter(number__isnull=False)
        .values("question_id")
        .annotate(n=Count("id"), avg=Avg("number"), lo=Min("number"), hi=Max("number"))
        .values_list("question_id", "n", "avg", "lo", "hi")
    }
    ratings = {
        (q, int(v)): n
        for q, v, n in answers.filter(question__kind=Question.Kind.RATING)
        .values("question_id", "number")
        .annotate(n=Count("id"))
        .values_list("question_id", "number", "n")
    }
    texts = dict(
        answers.filter(question__kind__in=[Question.Kind.TEXT, Question.Kind.IMAGE], hidden=False)
        .values("question_id")
        .annotate(n=Count("id"))
        .values_list("question_id", "n")
    )
    for q in questions:
        q.rows = [(c, *counts.get((q.pk, c.pk), (0, None))) for c in q.choices.all()]
        q.summary = numbers.get(q.pk)
        q.ratings = [(v, ratings.get((q.pk, v), 0)) for v in range(1, 6)]
        q.text_count = texts.get(q.pk, 0)
    return questions


def text_answers(question, include_hidden=False):
    qs = (
        Answer.objects.filter(question=question)
        .select_related("response__respondent")
        .order_by("-response__updated_at", "-pk")
    )
    return qs if include_hidden else qs.filter(hidden=False)


def export_rows(consultation, questions):
    """Header and one row per response (names only when the consultation is not anonymous)."""
    header = (
        ["#", "building", "room", "channel", "updated"]
        + ([] if consultation.anonymous else ["respondent"])
        + [q.text for q in questions]
    )
    choice_label = {c.pk: c.label for q in questions for c in q.choices.all()}
    responses = (
        Response.objects.filter(consultation=consultation)
        .select_related("household__building", "respondent")
        .order_by("pk")
    )
    by_response = {}
    for a in Answer.objects.filter(response__consultation=consultation).order_by(
        "response_id", "question_id", "rank", "pk"
    ):
        value = (
            choice_label.get(a.choice_id)
            if a.choice_id
            else (
                str(a.number)
                if a.number is not None
                else ("" if a.hidden else a.text or (a.image.name if a.image else ""))
            )
        )
        by_response.setdefault(a.response_id, {}).setdefault(a.question_id, []).append(value or "")
    rows = []
    for i, r in enumerate(responses.iterator(chunk_size=2000), 1):
        answers = by_response.get(r.pk, {})
        who = [] if consultation.anonymous else [r.respondent.public_name if r.respondent else ""]
        place = (
            ["", ""] if consultation.anonymous else [r.household.building.number, r.household.room]
        )
        rows.append(
            [
                i,
                *place,
                r.channel,
                r.updated_at.strftime("%Y-%m-%d %H:%M"),
                *who,
                *["; ".join(answers.get(q.pk, [])) for q in questions],
            ]
        )
    return header, rows
