"""Staff change a consultation until answering opens, and keep drafts.

Once answering has opened (`Consultation.is_frozen`) the question texts, their choices and the
audience stay as they are: every answer was given to the same questions. A refusal raises a
translated ValidationError and changes nothing. A draft is its author's alone until published.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.consult.models import Choice, Consultation, Question
from linli.core.perms import require

from .consultations import audience_refresh

FIELDS = ("title", "body", "owners_only", "per", "anonymous", "opens_at", "closes_at")


def frozen_message() -> str:
    return _(
        "Answering has opened: the questions, their choices and who is asked can no longer change."
    )


def _refuse_if_frozen(consultation: Consultation) -> None:
    if consultation.is_frozen:
        raise ValidationError(frozen_message(), code="frozen")


@transaction.atomic
def consultation_update(
    *, consultation: Consultation, actor, compounds=None, buildings=None, **changes
) -> Consultation:
    """Change what staff typed, until answering opens (the closing date can still move later)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require(
        actor,
        "consult.edit_consultation",
        consultation,
        _("Only committee staff can change a consultation."),
    )
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("These cannot be changed: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    new = {f: changes.get(f, getattr(consultation, f)) for f in FIELDS}
    changed = [f for f in FIELDS if new[f] != getattr(consultation, f)]
    if consultation.is_frozen and (
        set(changed) - {"closes_at"} or compounds is not None or buildings is not None
    ):
        raise ValidationError(frozen_message(), code="frozen")
    if new["closes_at"] <= new["opens_at"]:
        raise ValidationError({"closes_at": _("A consultation must close after it opens.")})
    if "closes_at" in changed and new["closes_at"] <= timezone.now():
        raise ValidationError({"closes_at": _("The new closing time is in the past.")})
    before = {f: str(getattr(consultation, f)) for f in changed}
    for f in changed:
        setattr(consultation, f, new[f])
    consultation.full_clean()
    consultation.save()
    nb = consultation.neighborhood_id
    if compounds is not None:
        consultation.compounds.set([x for x in compounds if x.neighborhood_id == nb])
    if buildings is not None:
        consultation.buildings.set([x for x in buildings if x.neighborhood_id == nb])
    if compounds is not None or buildings is not None or "owners_only" in changed:
        audience_refresh(consultation=consultation)
    if not consultation.is_draft and changed:
        audit_record(
            actor=actor,
            action="consult.consultation_update",
            target=consultation,
            neighborhood=nb,
            before=before,
            after={f: str(new[f]) for f in changed},
        )
    return consultation


@transaction.atomic
def consultation_draft_publish(*, consultation: Consultation, actor) -> Consultation:
    """Make a draft visible: it needs at least one question and must not have closed already."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require(
        actor,
        "consult.edit_consultation",
        consultation,
        _("Only committee staff can change a consultation."),
    )
    if not consultation.is_draft:
        raise ValidationError(_("This consultation is already published."))
    if not consultation.questions.exists():
        raise ValidationError(_("Add at least one question before publishing the consultation."))
    if consultation.closes_at <= timezone.now():
        raise ValidationError(
            {"closes_at": _("The closing time has passed: set a later one first.")}
        )
    consultation.is_draft = False
    consultation.save(update_fields=["is_draft"])
    audience_refresh(consultation=consultation)
    return consultation


@transaction.atomic
def consultation_draft_delete(*, consultation: Consultation, actor) -> None:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require(
        actor,
        "consult.edit_consultation",
        consultation,
        _("Only committee staff can change a consultation."),
    )
    if not consultation.is_draft:
        raise ValidationError(_("Only a draft can be deleted."))
    consultation.delete()


@transaction.atomic
def question_update(
    *, question: Question, actor, text: str, required: bool = True, choices=None
) -> Question:
    """Reword a question (and replace its choices) until answering opens."""
    consultation = Consultation.objects.select_for_update().get(pk=question.consultation_id)
    require(
        actor,
        "consult.edit_consultation",
        consultation,
        _("Only committee staff can change a consultation."),
    )
    _refuse_if_frozen(consultation)
    if consultation.response_count:
        raise ValidationError(_("Questions cannot change once answers have come in."))
    question = Question.objects.get(pk=question.pk)
    question.text, question.required = (text or "").strip(), required
    question.full_clean()
    if question.has_choices and choices is not None:
        labels = [c.strip() for c in choices if c and c.strip()]
        if len(labels) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})
        _replace_choices(question, labels)
    question.save(update_fields=["text", "required"])
    return question


def _replace_choices(question: Question, labels: list[str]) -> None:
    """Keep the rows of labels that stay (a question depending on them keeps working)."""
    existing = {c.label: c for c in question.choices.all()}
    Choice.objects.filter(question=question).exclude(label__in=labels).delete()
    for position, label in enumerate(labels, 1):
        row = existing.get(label[:200]) or Choice(question=question, label=label[:200])
        row.position = position
        row.save()


@transaction.atomic
def question_remove(*, question: Question, actor) -> None:
    consultation = Consultation.objects.select_for_update().get(pk=question.consultation_id)
    require(
        actor,
        "consult.edit_consultation",
        consultation,
        _("Only committee staff can change a consultation."),
    )
    _refuse_if_frozen(consultation)
    if consultation.response_count:
        raise ValidationError(_("Questions cannot change once answers have come in."))
    if not consultation.is_draft and consultation.questions.count() <= 1:
        raise ValidationError(_("A published consultation keeps at least one question."))
    Question.objects.filter(pk=question.pk).delete()
