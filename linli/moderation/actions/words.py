"""The word list and the scorer's training from staff decisions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.moderation import scoring
from linli.moderation.models import Case, ClassifierState, Word

WORD_MAX = 40


@transaction.atomic
def word_add(*, actor, neighborhood, word, kind) -> Word:
    if not actor.has_perm("moderation.manage_words", neighborhood):
        raise PermissionDenied(_("Only committee staff keep the word lists."))
    word = (word or "").replace("\x00", "").strip()
    if not word:
        raise ValidationError(_("Write a word."))
    if len(word) > WORD_MAX:
        raise ValidationError(_("A word has at most %(n)d characters.") % {"n": WORD_MAX})
    if kind not in Word.Kind.values:
        raise ValidationError(_("Choose whether the word is blocked or watched."))
    found, created = Word.objects.get_or_create(
        neighborhood=neighborhood, word=word, defaults={"kind": kind, "created_by": actor}
    )
    if not created and found.kind != kind:
        found.kind = kind
        found.save(update_fields=["kind"])
    audit_record(
        actor=actor,
        action="moderation.word_add",
        target=found,
        neighborhood=neighborhood.pk,
        before={},
        after={"word": word, "kind": kind},
    )
    return found


@transaction.atomic
def word_remove(*, actor, word) -> None:
    if not actor.has_perm("moderation.manage_words", word.neighborhood):
        raise PermissionDenied(_("Only committee staff keep the word lists."))
    audit_record(
        actor=actor,
        action="moderation.word_remove",
        target=word,
        neighborhood=word.neighborhood_id,
        before={"word": word.word, "kind": word.kind},
        after={},
    )
    word.delete()


def decided_examples():
    """(is_spam, text) from staff decisions: approved = ordinary; hidden or deleted = spam."""
    rows = (
        Case.objects.exclude(status=Case.Status.OPEN)
        .values_list("status", "text", "excerpt")
        .order_by("pk")
    )
    return [
        (status != Case.Status.APPROVED, text or excerpt)
        for status, text, excerpt in rows.iterator()
        if (text or excerpt)
    ]


def retrain() -> ClassifierState:
    """Train the classifier on the shipped labelled set plus staff decisions; keep only the newest model."""
    from linli.moderation.screen import labelled_examples

    examples = labelled_examples() + decided_examples()
    model = scoring.Classifier.trained(examples)
    with transaction.atomic():
        state = ClassifierState.objects.create(
            data=model.as_json(),
            spam_count=model.n_spam,
            ham_count=model.n_ham,
            trained_at=timezone.now(),
        )
        ClassifierState.objects.exclude(pk=state.pk).delete()
    return state
