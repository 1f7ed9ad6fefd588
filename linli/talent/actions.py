"""Every write to the talent pool: skills, profiles (with consent), invitations."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.moderation.screen import screened
from linli.notify.actions import notify

from .models import (
    Availability,
    HelpKind,
    Invitation,
    ProfileWord,
    Skill,
    TalentProfile,
    Visibility,
)
from .text import fold, index_words

MAX_TAGS = 12


def _split(text, limit=MAX_TAGS, length=30):
    parts = [
        p.strip()[:length]
        for p in (text or "").replace("，", ",").replace("、", ",").replace(";", ",").split(",")
    ]
    seen, out = set(), []
    for p in parts:
        if p and p.lower() not in seen:
            seen.add(p.lower())
            out.append(p)
    return out[:limit]


def skill_counts_refresh(skill_ids) -> None:
    """Recount active profiles per skill (a recount, not an increment: safe when writes race)."""
    active = (
        TalentProfile.skills.through.objects.filter(skill_id=OuterRef("pk"))
        .filter(talentprofile__consent_at__isnull=False, talentprofile__withdrawn_at__isnull=True)
        .values("skill_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Skill.objects.filter(pk__in=list(skill_ids)).update(
        profile_count=Coalesce(Subquery(active), Value(0))
    )


def index_texts(*, person, skills, tags, background, languages, help_kinds) -> tuple[str, str]:
    """(keywords, search_text) of a profile: lower-cased skills and other skills; and everything searchable."""
    tag_list = _split(tags)
    keywords = [s.name for s in skills] + [s.name_en for s in skills if s.name_en] + tag_list
    help_labels = []
    for key in help_kinds.split(",") if isinstance(help_kinds, str) else help_kinds:
        if key in HelpKind.values:
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    help_labels.append(str(HelpKind(key).label))
    keywords_text = fold(" | ".join(keywords))
    return keywords_text, fold(
        " | ".join(
            [
                person.display_name,
                person.username,
                keywords_text,
                background,
                languages,
                *help_labels,
            ]
        )
    )


def word_rows(profile) -> list[ProfileWord]:
    return [
        ProfileWord(
            profile_id=profile.pk, neighborhood_id=profile.neighborhood_id, word=w, weight=weight
        )
        for w, weight in index_words(profile.keywords, profile.search_text).items()
    ]


def profile_reindex(profile) -> None:
    profile.keywords, profile.search_text = index_texts(
        person=profile.person,
        skills=list(profile.skills.all()),
        tags=profile.tags,
        background=profile.background,
        languages=profile.languages,
        help_kinds=profile.help_kinds,
    )
    TalentProfile.objects.filter(pk=profile.pk).update(
        keywords=profile.keywords, search_text=profile.search_text
    )
    ProfileWord.objects.filter(profile_id=profile.pk).delete()
    ProfileWord.objects.bulk_create(word_rows(profile))


@transaction.atomic
def skill_create(*, neighborhood, name, name_en="", actor) -> Skill:
    if not actor.has_perm("talent.manage_skills", neighborhood):
        raise PermissionDenied(_("Only committee staff may change the skill list."))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the skill a name.")})
    if Skill.objects.filter(neighborhood=neighborhood, name__iexact=name).exists():
        raise ValidationError({"name": _("This skill is already in the list.")})
    skill = Skill(neighborhood=neighborhood, name=name, name_en=name_en.strip())
    skill.full_clean()
    skill.save()
    audit_record(
        actor=actor,
        action="talent.skill_create",
        target=skill,
        neighborhood=neighborhood,
        after={"name": skill.name},
    )
    return skill


@transaction.atomic
def skill_delete(*, skill, actor) -> None:
    if not actor.has_perm("talent.manage_skills", skill.neighborhood):
        raise PermissionDenied(_("Only committee staff may change the skill list."))
    profiles = list(TalentProfile.objects.filter(skills=skill).select_related("person"))
    audit_record(
        actor=actor,
        action="talent.skill_delete",
        target=skill,
        neighborhood=skill.neighborhood_id,
        before={"name": skill.name, "profiles": len(profiles)},
    )
    skill.delete()
    for profile in profiles:
        profile_reindex(profile)


def _validate_choices(help_kinds, availability, visibility, languages):
    bad = [k for k in help_kinds if k not in HelpKind.values]
    if bad:
        raise ValidationError(
            {"help_kinds": _("Unknown way to help: %(value)s") % {"value": ", ".join(bad)}}
        )
    if availability not in Availability.values:
        raise ValidationError({"availability": _("Choose when you are available.")})
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose who may see your profile.")})


@transaction.atomic
def profile_save(
    *,
    person,
    skills,
    tags="",
    background="",
    languages="",
    help_kinds=(),
    availability=Availability.FLEXIBLE,
    visibility=Visibility.COMMITTEE,
    contact_allowed=False,
    consent=False,
) -> TalentProfile:
    """Declare or update one's own talent profile. Consent must be given each time it is saved."""
    if not (person.is_verified and person.has_perm("talent.declare")):
        raise PermissionDenied(_("Only verified residents can join the talent pool."))
    if not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Tick the consent box: the committee keeps your profile only with your consent."
                )
            }
        )
    help_kinds = list(dict.fromkeys(help_kinds))
    _validate_choices(help_kinds, availability, visibility, languages)
    household = person.household
    skills = list(skills)
    foreign = [s for s in skills if s.neighborhood_id != household.neighborhood_id]
    if foreign:
        raise ValidationError({"skills": _("Choose skills from your neighborhood's list.")})
    if not skills and not _split(tags):
        raise ValidationError(
            {"skills": _("Choose at least one skill, or write one under other skills.")}
        )
    hold_it = None
    if (background or "").strip() or tags:  # spam, mutes and bans; held profiles wait for staff
        hold_it = screened(
            author=person,
            text=f"{tags}\n{background or ''}",
            kind="talent.profile",
            neighborhood=household.neighborhood,
            public=False,
        )
    profile = TalentProfile.objects.select_for_update().filter(
        person=person
    ).first() or TalentProfile(person=person)
    before = set(profile.skills.values_list("pk", flat=True)) if profile.pk else set()
    profile.neighborhood_id = household.neighborhood_id
    profile.building_id = household.building_id
    profile.tags = ", ".join(_split(tags))[:200]
    profile.background = (background or "").strip()
    profile.languages = ", ".join(_split(languages, limit=8, length=20))[:120]
    profile.help_kinds = ",".join(help_kinds)
    profile.availability = availability
    profile.visibility = visibility
    profile.contact_allowed = bool(contact_allowed)
    if not profile.is_active:
        profile.consent_at = timezone.now()
        profile.withdrawn_at = None
    profile.full_clean(exclude=["person", "skills"])
    profile.save()
    profile.skills.set(skills)
    profile.person = person
    profile_reindex(profile)
    skill_counts_refresh(before | {s.pk for s in skills})
    if hold_it is not None:
        hold_it(profile)
    return profile


@transaction.atomic
def profile_withdraw(*, person) -> TalentProfile | None:
    """Withdraw consent: the profile disappears from every list at once; open invitations are closed."""
    profile = TalentProfile.objects.select_for_update().filter(person=person).first()
    if profile is None or not profile.is_active:
        return profile
    profile.withdrawn_at = timezone.now()
    profile.save(update_fields=["withdrawn_at", "updated_at"])
    Invitation.objects.filter(profile=profile, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.DECLINED,
        response_note=_("Consent withdrawn"),
        responded_at=profile.withdrawn_at,
    )
    skill_counts_refresh(profile.skills.values_list("pk", flat=True))
    return profile


@transaction.atomic
def invitation_create(
    *, profile, target_kind, target_label, target_id=None, target_url="", message="", actor
) -> Invitation:
    """Staff invite a talent. Refused for someone who withdrew consent, and twice for the same open target."""
    profile = TalentProfile.objects.select_for_update().select_related("person").get(pk=profile.pk)
    if not actor.has_perm("talent.invite", profile):
        raise PermissionDenied(_("Only committee staff may invite talent."))
    if not profile.is_active:
        raise ValidationError(
            _("%(person)s has withdrawn consent and cannot be invited.")
            % {"person": profile.person.public_name},
            code="withdrawn",
        )
    if target_kind not in Invitation.Target.values:
        raise ValidationError({"target_kind": _("Invite to a topic, a consultation or a project.")})
    target_label = (target_label or "").strip()
    if not target_label:
        raise ValidationError({"target_label": _("Say what you are inviting to.")})
    target_url = (target_url or "").strip()
    if target_url and not (target_url.startswith("/") and not target_url.startswith("//")):
        raise ValidationError(
            {"target_url": _("The link must be a page of this site, starting with /.")}
        )
    duplicate = Invitation.objects.filter(
        profile=profile, target_kind=target_kind, status=Invitation.Status.PENDING
    )
    duplicate = (
        duplicate.filter(target_id=target_id)
        if target_id
        else duplicate.filter(target_label=target_label)
    )
    if duplicate.exists():
        raise ValidationError(
            _("%(person)s already has an open invitation to this.")
            % {"person": profile.person.public_name}
        )
    invitation = Invitation(
        profile=profile,
        neighborhood_id=profile.neighborhood_id,
        target_kind=target_kind,
        target_id=target_id,
        target_label=target_label[:200],
        target_url=target_url,
        message=(message or "").strip(),
        invited_by=actor,
    )
    invitation.full_clean()
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        raise ValidationError(
            _("%(person)s already has an open invitation to this.")
            % {"person": profile.person.public_name}
        )
    TalentProfile.objects.filter(pk=profile.pk).update(invitation_count=F("invitation_count") + 1)
    audit_record(
        actor=actor,
        action="talent.invite",
        target=invitation,
        subject=profile.person,
        neighborhood=profile.neighborhood_id,
        target_label=f"{invitation.get_target_kind_display()} · {invitation.target_label}",
        after={"target": target_kind, "id": target_id},
    )
    notify(
        recipients=[profile.person],
        kind="talent.invited",
        params={"target": invitation.target_label, "by": actor.public_name},
        url="/talent/me/#invitations",
        actor=actor,
    )
    return invitation


@transaction.atomic
def invitation_respond(*, invitation, accept: bool, note="", actor) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().select_related("profile").get(pk=invitation.pk)
    )
    if not actor.has_perm("talent.respond_invitation", invitation):
        raise PermissionDenied(_("Only the person invited can answer this invitation."))
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("You have already answered this invitation."))
    invitation.status = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
    invitation.response_note = (note or "").strip()[:500]
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "response_note", "responded_at"])
    if invitation.invited_by_id:
        notify(
            recipients=[invitation.invited_by_id],
            kind="talent.invitation_answered",
            params={
                "person": actor.public_name,
                "target": invitation.target_label,
                "answer": invitation.status,
                "note": invitation.response_note,
            },
            url=f"/talent/n/{invitation.profile.neighborhood.slug}/invitations/",
            actor=actor,
        )
    return invitation
