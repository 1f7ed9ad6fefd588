"""Responses: one per person (or household), answers cleaned per question kind, counted once."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Household, Resident
from linli.consult.models import (
    Answer,
    BuildingTally,
    Consultation,
    HouseholdHeard,
    Question,
    Response,
)
from linli.core import uploads as upload_checks
from linli.core.perms import require
from linli.moderation.screen import screened
from linli.stats.actions import points_award

from .consultations import audience

ANSWER_POINTS = 5


MAX_TEXT = 2000


def _ids(value):
    values = value if isinstance(value, (list, tuple)) else [value]
    try:
        return [int(v) for v in values if str(v).strip() != ""]
    except (TypeError, ValueError):
        raise ValidationError(_("Choose from the choices shown.")) from None


def clean_answers(questions, raw: dict) -> list[dict]:
    """Check every answer before anything is written; returns the Answer rows' fields.

    A conditional question counts only when its condition's choice was chosen.
    """
    chosen = set()
    rows = []
    for q in questions:
        if q.show_if_id and q.show_if_id not in chosen:
            continue
        value = raw.get(q.pk)
        empty = value in (None, "", [], ()) or (
            isinstance(value, (list, tuple)) and not any(str(v).strip() for v in value)
        )
        if empty:
            if q.required:
                raise ValidationError(_("Please answer: %(q)s") % {"q": q.text})
            continue
        if q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RANKING):
            choice_rows = _clean_choices(q, value)
            chosen.update(row["choice_id"] for row in choice_rows)
            rows += choice_rows
        elif q.kind in _CLEANERS:
            rows.append({"question": q, **_CLEANERS[q.kind](q, value)})
    return rows


def _clean_choices(q, value) -> list[dict]:
    ids = _ids(value)
    if not set(ids) <= ({c.pk for c in q.choices.all()} if q.has_choices else set()):
        raise ValidationError(_("Choose from the choices shown."))
    if len(set(ids)) != len(ids):
        raise ValidationError(
            _("“%(q)s”: each choice can be chosen or ranked only once.") % {"q": q.text}
        )
    if q.kind == Question.Kind.SINGLE and len(ids) != 1:
        raise ValidationError(_("“%(q)s”: choose one.") % {"q": q.text})
    ranked = q.kind == Question.Kind.RANKING
    return [
        {"question": q, "choice_id": cid, "rank": i if ranked else None}
        for i, cid in enumerate(ids, 1)
    ]


def _clean_rating(q, value) -> dict:
    ids = _ids(value)
    if len(ids) != 1 or not 1 <= ids[0] <= 5:
        raise ValidationError(_("“%(q)s”: give a rating from 1 to 5.") % {"q": q.text})
    return {"number": Decimal(ids[0])}


def _clean_number(q, value) -> dict:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(_("“%(q)s”: enter a number.") % {"q": q.text}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e11"):
        raise ValidationError(_("“%(q)s”: enter a number.") % {"q": q.text})
    return {"number": number.quantize(Decimal("0.01"))}


def _clean_text(q, value) -> dict:
    text = str(value).replace("\x00", "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError(
            _("“%(q)s”: at most %(n)s characters.") % {"q": q.text, "n": MAX_TEXT}
        )
    return {"text": text}


def _clean_image(q, value) -> dict:
    """Through linli.core.uploads: checked by content, EXIF (GPS) removed, shrunk."""
    try:
        checked = upload_checks.check_image(value)
    except ValidationError as error:
        raise ValidationError(
            _("“%(q)s”: %(error)s") % {"q": q.text, "error": " ".join(error.messages)}
        ) from None
    return {"image": checked.content}


_CLEANERS = {
    Question.Kind.RATING: _clean_rating,
    Question.Kind.NUMBER: _clean_number,
    Question.Kind.TEXT: _clean_text,
    Question.Kind.IMAGE: _clean_image,
}


def _respondent(consultation, actor, household, resident, channel):
    if channel == Response.Channel.ONLINE:
        if not actor.is_authenticated or not actor.is_verified:
            raise PermissionDenied(_("Only verified residents can answer."))
        if household is not None and household.pk != actor.household_id:
            raise PermissionDenied(_("You can answer only for your own household."))
        household, resident = Household.objects.get(pk=actor.household_id), actor
    else:
        if household is None:
            raise ValidationError(_("Choose the household."))
        require(
            actor,
            "consult.enter_on_behalf",
            household,
            _("Only committee staff and this building's leader can enter its answers."),
        )
    if not audience(consultation).filter(pk=household.pk).exists():
        raise PermissionDenied(_("This consultation does not ask your household."))
    if consultation.per == Consultation.Per.RESIDENT:
        if resident is None or resident.household_id != household.pk:
            raise ValidationError(_("Choose a member of the household."))
        return f"r{resident.pk}", household, resident
    return f"h{household.pk}", household, resident


def response_submit(
    *,
    consultation,
    actor,
    answers: dict,
    household=None,
    resident=None,
    channel=Response.Channel.ONLINE,
) -> Response:
    """Answer (or change an answer) until the consultation closes; one per household or resident.

    A building leader or staff may enter an answer taken on paper or by phone (audited).
    """
    if channel not in Response.Channel.values:
        raise ValidationError(_("Unknown way of answering."))
    now = timezone.now()
    if consultation.is_draft or now < consultation.opens_at:
        raise ValidationError(_("This consultation has not opened yet."))
    if now >= consultation.closes_at:
        raise ValidationError(_("This consultation has closed."))
    key, household, resident = _respondent(consultation, actor, household, resident, channel)
    questions = list(consultation.questions.prefetch_related("choices").order_by("position", "pk"))
    rows = clean_answers(questions, answers)
    free_text = "\n".join(r["text"] for r in rows if r.get("text"))
    hold_it = None
    if free_text and channel == Response.Channel.ONLINE:
        # spam, mutes and bans (answers are not public); held answers stay out of the results
        hold_it = screened(
            author=actor,
            text=free_text,
            kind="consult.answer",
            neighborhood=consultation.neighborhood,
            public=False,
        )
    for attempt in range(2):
        try:
            with transaction.atomic():
                response = _write(consultation, actor, key, household, resident, channel, rows)
                if hold_it is not None and hold_it.verdict.held:
                    for answer in response.answers.exclude(text=""):
                        hold_it(answer, part=answer.text)
                return response
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def _write(consultation, actor, key, household, resident, channel, rows):
    response = (
        Response.objects.select_for_update()
        .filter(
            neighborhood_id=consultation.neighborhood_id,
            consultation=consultation,
            respondent_key=key,
        )
        .first()
    )
    new = response is None
    if new:
        response = Response.objects.create(
            consultation=consultation,
            neighborhood_id=consultation.neighborhood_id,
            respondent_key=key,
            household=household,
            building_id=household.building_id,
            respondent=resident,
            entered_by=actor,
            channel=channel,
        )
        _count(consultation, household, new_household=_first_of_household(consultation, household))
    else:
        response.entered_by, response.channel = actor, channel
        response.save(update_fields=["entered_by", "channel", "updated_at"])
        for old in response.answers.exclude(image=""):
            upload_checks.delete_on_commit(old.image)
        response.answers.all().delete()
    Answer.objects.bulk_create(
        [
            Answer(response=response, neighborhood_id=response.neighborhood_id, **row)
            for row in rows
            if "image" not in row
        ]
    )
    for row in rows:
        if "image" in row:
            Answer.objects.create(
                response=response, neighborhood_id=response.neighborhood_id, **row
            )
    if channel != Response.Channel.ONLINE:
        audit_record(
            actor=actor,
            action="consult.response_enter",
            target=response,
            target_label=f"{consultation.title} · {household.address}",
            neighborhood=consultation.neighborhood_id,
            after={"channel": channel, "household": household.pk},
        )
    if new and resident is not None:
        points_award(
            person=resident,
            reason="consult.answer",
            amount=ANSWER_POINTS,
            key=f"consult.answer:{consultation.pk}:{key}",
            neighborhood=consultation.neighborhood_id,
        )
    return response


def _first_of_household(consultation, household) -> bool:
    try:
        with transaction.atomic():
            HouseholdHeard.objects.create(consultation=consultation, household=household)
    except IntegrityError:
        return False
    return True


def _count(consultation, household, new_household):
    tally = BuildingTally.objects.filter(
        consultation=consultation, building_id=household.building_id
    )
    if consultation.per == Consultation.Per.HOUSEHOLD:
        members = Resident.objects.filter(
            household=household, verified_at__isnull=False, deleted_at=None
        ).count()
        tally.update(
            households_heard=F("households_heard") + 1,
            residents_heard=F("residents_heard") + members,
        )
    else:
        tally.update(
            residents_heard=F("residents_heard") + 1,
            households_heard=F("households_heard") + (1 if new_household else 0),
        )
    Consultation.objects.filter(pk=consultation.pk).update(response_count=F("response_count") + 1)
