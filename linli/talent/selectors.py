"""Reads of the talent pool, shaped for pages; each a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from linli.community.models import Building
from linli.moderation.selectors import without_held

from .models import ACTIVE, Invitation, ProfileWord, Skill, TalentProfile
from .text import fold, tokens

# Contributions read from the points ledger (linli.stats), by reason.
CONTRIBUTION_LABELS = {
    "forum.best_answer": _("best answers"),
    "forum.reply": _("replies in the forum"),
    "forum.topic": _("topics started"),
    "consult.answer": _("consultation answers"),
    "projects.work": _("project work"),
    "volunteers.hours": _("volunteer hours"),
}


def skills_of(neighborhood):
    return Skill.objects.filter(neighborhood=neighborhood).order_by("name")


def buildings_of(neighborhood):
    return (
        Building.objects.filter(neighborhood=neighborhood)
        .select_related("compound")
        .order_by("compound__name", "sort_key", "number")
    )


def _listing(queryset):
    return (
        queryset.defer("search_text", "keywords")
        .select_related("person", "building__compound")
        .prefetch_related("skills")
    )


def profile_search(
    *,
    neighborhood,
    staff: bool,
    q="",
    skill=None,
    language="",
    building=None,
    availability="",
    help_kind="",
    viewer=None,
):
    """Active profiles of a neighborhood. Residents (staff=False) get only those shown to residents."""
    found = TalentProfile.objects.filter(ACTIVE, neighborhood=neighborhood)
    if (
        not staff
    ):  # residents: profiles shown to them that moderation does not hold (their own always)
        found = without_held(found.filter(visibility="residents"), viewer, author_field="person_id")
    for word in fold(q).replace("\x00", "").split()[:6]:
        found = found.filter(search_text__contains=word)
    if skill:
        found = found.filter(skills__id=skill)
    if language:
        found = found.filter(languages__icontains=language.replace("\x00", "")[:20])
    if building and staff:
        found = found.filter(building_id=building)
    if availability:
        found = found.filter(availability=availability)
    if help_kind:
        found = found.filter(help_kinds__contains=help_kind)
    return _listing(found.order_by("-pk"))


@dataclass
class Match:
    profile: TalentProfile
    score: int
    matched: list


def talent_match(*, neighborhood, text="", circles=(), limit=20) -> list[Match]:
    """ "Who could answer this?": active talent ranked by the words of the text and circles found in
    their skills (3 points each) or background, languages and ways to help (1 point); circle words count twice.

    Three queries whatever the pool's size: the matching words (an index lookup), then the best `limit` with their skills.
    """
    weights = {w: 1 for w in tokens(text)}
    for circle in circles:
        weights.update({w: 2 for w in tokens(circle.lstrip("#"), limit=6)})
    if not weights:
        return []
    rows = ProfileWord.objects.filter(
        neighborhood=neighborhood, word__in=list(weights), profile__active=True
    ).values_list("profile_id", "word", "weight")
    scores, matched = {}, {}
    for profile_id, word, weight in rows:
        scores[profile_id] = scores.get(profile_id, 0) + weight * weights[word]
        matched.setdefault(profile_id, []).append(word)
    best = sorted(scores, key=lambda pk: (-scores[pk], -pk))[:limit]
    profiles = _listing(TalentProfile.objects.filter(pk__in=best)).in_bulk()
    return [
        Match(profiles[pk], scores[pk], sorted(matched[pk], key=list(weights).index))
        for pk in best
        if pk in profiles
    ]


def profile_detail(pk):
    return _listing(TalentProfile.objects.filter(pk=pk)).select_related("neighborhood").first()


def contributions(profile) -> list[dict]:
    """Points earned per kind of contribution (one query on the ledger)."""
    from linli.stats.models import PointsEntry

    rows = (
        PointsEntry.objects.filter(person_id=profile.person_id)
        .values("reason")
        .annotate(n=Count("pk"), points=Sum("amount"))
        .order_by("-points")
    )
    return [
        {
            "reason": r["reason"],
            "label": CONTRIBUTION_LABELS.get(r["reason"], r["reason"]),
            "count": r["n"],
            "points": r["points"],
        }
        for r in rows
    ]


def project_work(profile) -> dict:
    """What the person has done in other apps, for their profile: each app's
    `profile.work(person_id)` merged (linli/core/registry.py); today the projects app's team
    roles and design versions (two queries). Talent does not import projects, which invites
    talent into its teams."""
    from linli.core.registry import app_modules

    work = {}
    for module in app_modules("profile"):
        work.update(module.work(profile.person_id))
    return work


def invitations_for(person):
    return (
        Invitation.objects.filter(profile__person=person)
        .select_related("invited_by")
        .order_by("-created_at")
    )


def invitations_of(neighborhood, status=""):
    found = Invitation.objects.filter(neighborhood=neighborhood).select_related(
        "profile__person", "invited_by"
    )
    if status in Invitation.Status.values:
        found = found.filter(status=status)
    return found.order_by("-created_at", "-pk")


def invitation_counts(neighborhood) -> dict:
    return dict(
        Invitation.objects.filter(neighborhood=neighborhood)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
