"""Consultations: create, audience, questions, reminders, results, moderation of answers, recount."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Household, Resident
from linli.consult.models import (
    Answer,
    BuildingTally,
    Choice,
    Consultation,
    HouseholdHeard,
    Question,
    Response,
)
from linli.core.perms import require
from linli.notify.actions import dispatch_claim, notify


def audience(consultation):
    """The households asked (compounds and buildings chosen, owners only)."""
    qs = Household.objects.filter(neighborhood_id=consultation.neighborhood_id)
    compound_ids = list(consultation.compounds.values_list("id", flat=True))
    building_ids = list(consultation.buildings.values_list("id", flat=True))
    if compound_ids or building_ids:
        qs = qs.filter(Q(building__compound_id__in=compound_ids) | Q(building_id__in=building_ids))
    if consultation.owners_only:
        qs = qs.filter(owner_occupied=True)
    return qs


def audience_people(consultation):
    return Resident.objects.filter(
        household__in=audience(consultation), verified_at__isnull=False, deleted_at=None
    )


@transaction.atomic
def consultation_create(
    *,
    neighborhood,
    actor,
    title,
    opens_at,
    closes_at,
    body="",
    compounds=(),
    buildings=(),
    owners_only=False,
    per=Consultation.Per.HOUSEHOLD,
    anonymous=False,
    draft=False,
) -> Consultation:
    """A consultation; as a draft, only its author sees it until it is published (edits.py)."""
    require(actor, "consult.create_consultation", neighborhood)
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("A consultation must close after it opens.")})
    c = Consultation(
        neighborhood=neighborhood,
        title=title,
        body=body,
        owners_only=owners_only,
        per=per,
        anonymous=anonymous,
        opens_at=opens_at,
        closes_at=closes_at,
        is_draft=draft,
        created_by=actor if actor.pk else None,
    )
    c.full_clean()
    c.save()
    c.compounds.set([x for x in compounds if x.neighborhood_id == neighborhood.pk])
    c.buildings.set([x for x in buildings if x.neighborhood_id == neighborhood.pk])
    audience_refresh(consultation=c)
    return c


def audience_refresh(*, consultation) -> None:
    """Snapshot how many households and residents are asked, per building (two grouped queries)."""
    households = dict(
        audience(consultation)
        .values("building_id")
        .annotate(n=Count("id"))
        .values_list("building_id", "n")
    )
    residents = dict(
        audience_people(consultation)
        .values("household__building_id")
        .annotate(n=Count("id"))
        .values_list("household__building_id", "n")
    )
    existing = {t.building_id: t for t in BuildingTally.objects.filter(consultation=consultation)}
    for building_id, n in households.items():
        row = existing.get(building_id) or BuildingTally(
            consultation=consultation, building_id=building_id
        )
        row.eligible_households, row.eligible_residents = n, residents.get(building_id, 0)
        row.save()


@transaction.atomic
def question_add(
    *, consultation, actor, kind, text, required=True, choices=(), show_if=None
) -> Question:
    require(actor, "consult.manage_consultation", consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.is_frozen:
        raise ValidationError(
            _(
                "Answering has opened: the questions, their choices and who is asked can no longer change."
            ),
            code="frozen",
        )
    if consultation.response_count:
        raise ValidationError(_("Questions cannot change once answers have come in."))
    choices = [c.strip() for c in choices if c and c.strip()]
    if (
        kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RANKING)
        and len(choices) < 2
    ):
        raise ValidationError({"choices": _("Give at least two choices, one per line.")})
    if show_if is not None and show_if.question.consultation_id != consultation.pk:
        raise ValidationError(_("A question can only depend on a choice of the same consultation."))
    position = (
        consultation.questions.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    q = Question(
        consultation=consultation,
        position=position,
        kind=kind,
        text=text,
        required=required,
        show_if=show_if,
    )
    q.full_clean()
    q.save()
    if q.has_choices:
        Choice.objects.bulk_create(
            [
                Choice(question=q, position=i, label=label[:200])
                for i, label in enumerate(choices, 1)
            ]
        )
    return q


def not_yet_heard(consultation):
    people = audience_people(consultation)
    if consultation.per == Consultation.Per.RESIDENT:
        return people.exclude(
            pk__in=Response.objects.filter(consultation=consultation).values("respondent_id")
        )
    return people.exclude(
        household_id__in=Response.objects.filter(consultation=consultation).values("household_id")
    )


@transaction.atomic
def consultation_remind(*, consultation, actor) -> int:
    require(actor, "consult.manage_consultation", consultation)
    if not consultation.is_open:
        raise ValidationError(_("Reminders can be sent while the consultation is open."))
    # Once per person, consultation and day: pressed twice, or on two nodes at once, it reminds once.
    ids = [
        pid for pid in not_yet_heard(consultation).values_list("id", flat=True) if pid != actor.pk
    ]
    day = timezone.localdate().isoformat()
    fresh = dispatch_claim(person_ids=ids, key=f"consult.reminder:{consultation.pk}:{day}")
    notify(
        recipients=fresh,
        kind="consult.reminder",
        params={"title": consultation.title, "closes": consultation.closes_at.isoformat()},
        url=consultation.get_absolute_url(),
        actor=actor,
    )
    return len(fresh)


@transaction.atomic
def results_publish(*, consultation, actor) -> None:
    require(actor, "consult.manage_consultation", consultation)
    Consultation.objects.filter(pk=consultation.pk).update(results_published_at=timezone.now())
    consultation.results_published_at = timezone.now()
    ids = list(audience_people(consultation).values_list("id", flat=True))
    # The letter goes once per person, however often the results are published again.
    fresh = dispatch_claim(person_ids=ids, key=f"consult.results_published:{consultation.pk}")
    notify(
        recipients=fresh,
        kind="consult.results_published",
        params={"title": consultation.title},
        url=consultation.get_absolute_url() + "results/",
        actor=actor,
    )


@transaction.atomic
def answer_moderate(*, answer, actor, hidden=True) -> Answer:
    consultation = answer.question.consultation
    require(actor, "consult.manage_consultation", consultation)
    before = answer.hidden
    answer.hidden = hidden
    answer.save(update_fields=["hidden"])
    audit_record(
        actor=actor,
        action="consult.answer_moderate",
        target=answer,
        target_label=answer.text[:80],
        neighborhood=consultation.neighborhood_id,
        before={"hidden": before},
        after={"hidden": hidden},
    )
    return answer


@transaction.atomic
def tallies_recount(*, consultation) -> None:
    """Recompute who has been heard per building from the responses (after a bulk import, or to repair)."""
    audience_refresh(consultation=consultation)
    responses = Response.objects.filter(consultation=consultation)
    households = dict(
        responses.values("building_id")
        .annotate(n=Count("household_id", distinct=True))
        .values_list("building_id", "n")
    )
    if consultation.per == Consultation.Per.HOUSEHOLD:
        residents = dict(
            Resident.objects.filter(
                household__in=responses.values("household_id"),
                verified_at__isnull=False,
                deleted_at=None,
            )
            .values("household__building_id")
            .annotate(n=Count("id"))
            .values_list("household__building_id", "n")
        )
    else:
        residents = dict(
            responses.values("building_id").annotate(n=Count("id")).values_list("building_id", "n")
        )
    for row in BuildingTally.objects.filter(consultation=consultation):
        row.households_heard, row.residents_heard = (
            households.get(row.building_id, 0),
            residents.get(row.building_id, 0),
        )
        row.save(update_fields=["households_heard", "residents_heard"])
    HouseholdHeard.objects.filter(consultation=consultation).delete()
    HouseholdHeard.objects.bulk_create(
        [
            HouseholdHeard(consultation=consultation, household_id=h)
            for h in responses.values_list("household_id", flat=True).distinct()
        ]
    )
    Consultation.objects.filter(pk=consultation.pk).update(response_count=responses.count())
