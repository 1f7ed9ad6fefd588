"""/api/v1/talent/: profiles (as the rules allow), my profile, skills, matching, invitations."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID, SLUG, Body, choices
from linli.community.models import Neighborhood
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import actions, selectors
from .models import Availability, HelpKind, Invitation, Skill, TalentProfile, Visibility

router = Router(tags=["talent"])
PREFIX = "/talent"

# (documented in place: forum has a `Visibility` and moderation a `Case.Status` too)
TalentVisibility = choices(Visibility)
InvitationStatus = choices(Invitation.Status)
# The longest text /match takes: it travels in the URL, and the longest valid URL must fit
# in the request line the server reads (linli serve: LIMIT_REQUEST_LINE bytes), or the server
# answers 414 before Linli sees it. Pages link here with a title and 300 characters of body.
MATCH_TEXT = 400


class SkillOut(Schema):
    id: int
    name: str
    name_en: str
    profile_count: int


class ProfileOut(Schema):
    id: int
    name: str
    building: str | None = Field(None, description="Only for committee staff")
    skills: list[SkillOut]
    other_skills: list[str]
    background: str
    languages: list[str]
    help_kinds: list[str]
    availability: str
    visibility: str
    phone: str | None = Field(
        None, description="Only for committee staff, and only if the talent allowed it"
    )
    active: bool


class MatchOut(Schema):
    score: int
    matched: list[str]
    profile: ProfileOut


class ProfileIn(Body):
    skills: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Field([], max_length=50)
    other_skills: str = Field("", max_length=200)
    background: str = Field("", max_length=2000)
    languages: str = Field("", max_length=120)
    help_kinds: list[HelpKind] = Field([], max_length=6)
    availability: Availability = Availability.FLEXIBLE
    visibility: TalentVisibility = Visibility.COMMITTEE
    contact_allowed: bool = False
    consent: bool = Field(False, description="Must be true: the profile is kept only with consent")


class SkillIn(Schema):
    name: str = Field(..., min_length=1, max_length=40)
    name_en: str = Field("", max_length=60)


class InvitationIn(Schema):
    profile: int = Field(..., ge=1, le=MAX_ID)
    target_kind: Invitation.Target
    target_label: str = Field(..., min_length=1, max_length=200)
    target_id: int | None = Field(None, ge=1, le=MAX_ID)
    target_url: str = Field("", max_length=300)
    message: str = Field("", max_length=1000)


class InvitationAnswerIn(Schema):
    accept: bool
    note: str = Field("", max_length=500)


class InvitationOut(Schema):
    id: int
    profile: int
    name: str
    target_kind: str
    target_id: int | None
    target_label: str
    target_url: str
    message: str
    status: str
    response_note: str
    created_at: datetime
    responded_at: datetime | None


class ProfileFilter(Schema):
    neighborhood: str = Field(..., pattern=SLUG, max_length=50)
    q: str = Field("", max_length=100)
    skill: int | None = Field(None, ge=1, le=MAX_ID)
    language: str = Field("", max_length=20)
    building: int | None = Field(None, ge=1, le=MAX_ID, description="Committee staff only")
    availability: Availability | None = None
    help: HelpKind | None = None


def _clean(text):
    return (text or "").replace("\x00", "")


def _profile(p: TalentProfile, user, staff: bool) -> dict:
    return {
        "id": p.pk,
        "name": p.person.public_name,
        "building": f"{p.building.compound.name} {p.building.label}"
        if staff and p.building_id
        else None,
        "skills": [
            {"id": s.pk, "name": s.name, "name_en": s.name_en, "profile_count": s.profile_count}
            for s in p.skills.all()
        ],
        "other_skills": p.tag_list,
        "background": p.background,
        "languages": p.language_list,
        "help_kinds": [k for k in p.help_kinds.split(",") if k],
        "availability": p.availability,
        "visibility": p.visibility,
        "phone": p.person.phone if user.has_perm("talent.view_contact", p) else None,
        "active": p.is_active,
    }


def _invitation(i: Invitation) -> dict:
    return {
        "id": i.pk,
        "profile": i.profile_id,
        "name": i.profile.person.public_name,
        "target_kind": i.target_kind,
        "target_id": i.target_id,
        "target_label": i.target_label,
        "target_url": i.target_url,
        "message": i.message,
        "status": i.status,
        "response_note": i.response_note,
        "created_at": i.created_at,
        "responded_at": i.responded_at,
    }


def _neighborhood(slug, user, perm):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    require(user, perm, neighborhood)
    return neighborhood


@router.get(
    "/profiles",
    response=list[ProfileOut],
    auth=signed_in,
    summary="Talent profiles: all active ones for committee staff, those shown to residents for residents",
)
@paginate(Pages)
def profile_list(request, filters: ProfileFilter = Query(...)):
    neighborhood = _neighborhood(filters.neighborhood, request.user, "talent.browse")
    staff = request.user.has_perm("talent.search", neighborhood)
    found = selectors.profile_search(
        neighborhood=neighborhood,
        staff=staff,
        q=_clean(filters.q),
        skill=filters.skill,
        language=_clean(filters.language),
        building=filters.building,
        availability=filters.availability or "",
        help_kind=filters.help or "",
        viewer=request.user,
    )
    return Mapped(found, lambda p: _profile(p, request.user, staff))


@router.get(
    "/profiles/{profile_id}",
    response=ProfileOut,
    auth=signed_in,
    summary="One talent profile (as the rules allow)",
)
def profile_detail(request, profile_id: int = Path(..., ge=1, le=MAX_ID)):
    profile = selectors.profile_detail(profile_id)
    if profile is None:
        get_object_or_404(TalentProfile, pk=0)
    require(request.user, "talent.view_profile", profile)
    return _profile(
        profile, request.user, request.user.has_perm("talent.search", profile.neighborhood)
    )


@router.get("/me", response=ProfileOut, auth=signed_in, summary="My talent profile")
def me(request):
    profile = selectors.profile_detail(
        TalentProfile.objects.filter(person=request.user).values_list("pk", flat=True).first() or 0
    )
    if profile is None:
        get_object_or_404(TalentProfile, pk=0)
    return _profile(profile, request.user, False)


@router.put(
    "/me",
    response=ProfileOut,
    auth=signed_in,
    summary="Declare or update my talent profile (consent required)",
)
def me_save(request, data: ProfileIn):
    require(request.user, "talent.declare")
    skills = list(Skill.objects.filter(pk__in=data.skills))
    if len(skills) != len(set(data.skills)):
        raise ValidationError({"skills": _("Choose skills from your neighborhood's list.")})
    profile = actions.profile_save(
        person=request.user,
        skills=skills,
        tags=_clean(data.other_skills),
        background=_clean(data.background),
        languages=_clean(data.languages),
        help_kinds=[str(h.value) for h in data.help_kinds],
        availability=data.availability.value,
        visibility=data.visibility.value,
        contact_allowed=data.contact_allowed,
        consent=data.consent,
    )
    return _profile(selectors.profile_detail(profile.pk), request.user, False)


@router.post(
    "/me/withdraw",
    response={204: None},
    auth=signed_in,
    summary="Withdraw my consent: the profile is hidden at once",
)
def me_withdraw(request):
    actions.profile_withdraw(person=request.user)
    return Status(204, None)


@router.get("/skills", response=list[SkillOut], summary="The neighborhood's skill list")
@paginate(Pages)
def skill_list(request, neighborhood: str = Query(..., pattern=SLUG, max_length=50)):
    n = get_object_or_404(Neighborhood, slug=neighborhood)
    return Mapped(
        selectors.skills_of(n).order_by("name", "pk"),
        lambda s: {
            "id": s.pk,
            "name": s.name,
            "name_en": s.name_en,
            "profile_count": s.profile_count,
        },
    )


@router.post(
    "/skills",
    response={201: SkillOut},
    auth=signed_in,
    summary="Add a skill to the list (committee staff)",
)
def skill_create(
    request, data: SkillIn, neighborhood: str = Query(..., pattern=SLUG, max_length=50)
):
    n = _neighborhood(neighborhood, request.user, "talent.manage_skills")
    skill = actions.skill_create(
        neighborhood=n, name=_clean(data.name), name_en=_clean(data.name_en), actor=request.user
    )
    return Status(
        201, {"id": skill.pk, "name": skill.name, "name_en": skill.name_en, "profile_count": 0}
    )


@router.get(
    "/match",
    response=list[MatchOut],
    auth=signed_in,
    summary="Who could answer this? Talent ranked by match with a text and circle names (committee staff)",
)
def match(
    request,
    neighborhood: str = Query(..., pattern=SLUG, max_length=50),
    q: str = Query(
        "",
        max_length=MATCH_TEXT,
        description="The text to match: a topic's or project's title and the start of its body",
    ),
    circles: str = Query("", max_length=200, description="Circle names, comma-separated"),
):
    n = _neighborhood(neighborhood, request.user, "talent.match")
    found = selectors.talent_match(
        neighborhood=n,
        text=_clean(q),
        circles=[c.strip() for c in _clean(circles).split(",") if c.strip()],
    )
    return [
        {"score": m.score, "matched": m.matched, "profile": _profile(m.profile, request.user, True)}
        for m in found
    ]


@router.get(
    "/invitations",
    response=list[InvitationOut],
    auth=signed_in,
    summary="Invitations of a neighborhood (committee staff), or mine without ?neighborhood",
)
@paginate(Pages)
def invitation_list(
    request,
    neighborhood: str = Query("", pattern=r"^[-a-zA-Z0-9_]*$", max_length=50),
    status: InvitationStatus | None = None,
):
    if neighborhood:
        n = _neighborhood(neighborhood, request.user, "talent.view_invitations")
        found = selectors.invitations_of(n, status.value if status else "")
    else:
        found = selectors.invitations_for(request.user).select_related("profile__person")
        if status:
            found = found.filter(status=status.value)
    return Mapped(found, _invitation)


@router.post(
    "/invitations",
    response={201: InvitationOut},
    auth=signed_in,
    summary="Invite a talent to a topic, consultation or project (committee staff)",
)
def invitation_create(request, data: InvitationIn):
    profile = get_object_or_404(TalentProfile.objects.select_related("person"), pk=data.profile)
    require(request.user, "talent.invite", profile)
    invitation = actions.invitation_create(
        profile=profile,
        target_kind=data.target_kind.value,
        target_label=_clean(data.target_label),
        target_id=data.target_id,
        target_url=_clean(data.target_url),
        message=_clean(data.message),
        actor=request.user,
    )
    invitation.profile = profile
    return Status(201, _invitation(invitation))


@router.post(
    "/invitations/{invitation_id}/respond",
    response=InvitationOut,
    auth=signed_in,
    summary="Accept or decline an invitation (the invitee)",
)
def invitation_respond(
    request, data: InvitationAnswerIn, invitation_id: int = Path(..., ge=1, le=MAX_ID)
):
    invitation = get_object_or_404(
        Invitation.objects.select_related("profile__person", "profile__neighborhood"),
        pk=invitation_id,
    )
    require(request.user, "talent.respond_invitation", invitation)
    answered = actions.invitation_respond(
        invitation=invitation, accept=data.accept, note=_clean(data.note), actor=request.user
    )
    answered.profile = invitation.profile
    return _invitation(answered)
