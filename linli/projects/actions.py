"""Every write to projects. Each checks its permission itself (check, then execute)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require
from linli.core.text import render_markdown
from linli.moderation.actions import text_check
from linli.notify.actions import notify
from linli.stats.actions import points_award

from .models import (
    STAGE_ORDER,
    Comment,
    DesignFile,
    DesignVersion,
    Link,
    Photo,
    Project,
    Rating,
    SitePlan,
    Stage,
    StageChange,
    TeamMember,
)
from .predicates import team_ids
from .uploads import check_design_files, check_image

POINTS_VERSION = 20
POINTS_TEAM = 10
POINTS_COMPLETED = 30


def _point(value, field):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("The point must be a number from 0 to 100.")})
    if not Decimal(0) <= number <= Decimal(100):
        raise ValidationError({field: _("The point must be a number from 0 to 100.")})
    return number


@transaction.atomic
def site_plan_upload(*, compound, upload, actor) -> SitePlan:
    require(
        actor,
        "projects.upload_site_plan",
        compound.neighborhood,
        _("Only committee staff may upload site plans."),
    )
    checked = check_image(upload, max_side=1600)
    plan = SitePlan(
        compound=compound,
        neighborhood_id=compound.neighborhood_id,
        width=checked.width,
        height=checked.height,
        uploaded_by=actor,
    )
    plan.image.save(checked.content.name, checked.content, save=False)
    plan.save()
    return plan


def _fill(
    project,
    *,
    title,
    description,
    place_text="",
    compound=None,
    budget=None,
    site_plan=None,
    point_x=None,
    point_y=None,
):
    project.title = (title or "").strip()
    project.description = (description or "").strip()
    project.place_text = (place_text or "").strip()
    project.compound = compound
    project.budget = budget
    if site_plan is not None and site_plan.neighborhood_id != project.neighborhood_id:
        raise ValidationError({"site_plan": _("Choose a site plan of this neighborhood.")})
    project.site_plan = site_plan
    project.point_x = _point(point_x, "point_x") if site_plan else None
    project.point_y = _point(point_y, "point_y") if site_plan else None
    if site_plan and (project.point_x is None) != (project.point_y is None):
        raise ValidationError({"point_x": _("Give both coordinates of the point, or neither.")})
    if not project.place_text and project.point_x is None:
        raise ValidationError(
            {
                "place_text": _(
                    "Say where the project is: describe the place, or mark it on the site plan."
                )
            }
        )
    project.full_clean(exclude=["created_by", "site_plan", "compound"])


@transaction.atomic
def project_create(*, neighborhood, actor, **fields) -> Project:
    require(
        actor,
        "projects.create_project",
        neighborhood,
        _("Only committee staff may start a project."),
    )
    now = timezone.now()
    project = Project(
        neighborhood=neighborhood, created_by=actor, stage=Stage.NEED, stage_changed_at=now
    )
    _fill(project, **fields)
    project.save()
    StageChange.objects.create(
        project=project,
        from_stage="",
        to_stage=Stage.NEED,
        reason="",
        changed_by=actor,
        changed_at=now,
    )
    return project


@transaction.atomic
def project_update(*, project, actor, **fields) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(
        actor, "projects.change_project", project, _("Only committee staff may edit the project.")
    )
    before = {
        "title": project.title,
        "budget": str(project.budget) if project.budget is not None else None,
    }
    _fill(project, **fields)
    project.save()
    audit_record(
        actor=actor,
        action="projects.update",
        target=project,
        neighborhood=project.neighborhood_id,
        before=before,
        after={
            "title": project.title,
            "budget": str(project.budget) if project.budget is not None else None,
        },
    )
    return project


@transaction.atomic
def project_stage_change(*, project, to_stage, reason="", actor) -> StageChange:
    """Move to another stage. The next stage needs no reason; skipping a stage or going back does."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(
        actor, "projects.change_stage", project, _("Only committee staff may change the stage.")
    )
    if to_stage not in STAGE_ORDER:
        raise ValidationError({"to_stage": _("Choose one of the stages.")})
    if to_stage == project.stage:
        raise ValidationError({"to_stage": _("The project is already at this stage.")})
    reason = (reason or "").strip()
    step = STAGE_ORDER.index(to_stage) - STAGE_ORDER.index(project.stage)
    if step != 1 and not reason:
        if step > 1:
            raise ValidationError(
                {
                    "reason": _("This skips the %(stage)s stage: say why.")
                    % {"stage": Stage(STAGE_ORDER[project.stage_index + 1]).label}
                }
            )
        raise ValidationError({"reason": _("Going back to an earlier stage needs a reason.")})
    now = timezone.now()
    change = StageChange.objects.create(
        project=project,
        from_stage=project.stage,
        to_stage=to_stage,
        reason=reason[:500],
        changed_by=actor,
        changed_at=now,
    )
    project.stage, project.stage_changed_at = to_stage, now
    project.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    members = list(TeamMember.objects.filter(project=project).values_list("person_id", flat=True))
    if to_stage == Stage.COMPLETED:
        for person_id in members:
            points_award(
                person=person_id,
                reason="projects.work",
                amount=POINTS_COMPLETED,
                key=f"projects.completed:{project.pk}:{person_id}",
                neighborhood=project.neighborhood_id,
            )
    notify(
        recipients=members,
        kind="projects.stage_changed",
        params={"project": project.title, "stage": to_stage},
        url=project.get_absolute_url(),
        actor=actor,
    )
    return change


@transaction.atomic
def team_member_add(*, project, profile, role, actor) -> TeamMember:
    """Add a talent to the team. Staff or a team member may; the talent must have given consent."""
    require(
        actor,
        "projects.edit_team",
        project,
        _("Only committee staff or members of this project's team may change the team."),
    )
    role = (role or "").strip()
    if not role:
        raise ValidationError({"role": _("Say what this person does in the team.")})
    # Only a talent the actor may see: a team member who is not staff must not reach, by its
    # id, a profile shown to the committee only (and learn the name, and make it public). The
    # refusal is the same as for a profile that does not exist.
    if (
        profile is None
        or not profile.is_active
        or profile.neighborhood_id != project.neighborhood_id
        or not actor.has_perm("talent.view_profile", profile)
    ):
        raise ValidationError(
            {
                "profile": _(
                    "Choose someone from this neighborhood's talent pool who has given consent."
                )
            }
        )
    member = TeamMember(
        project=project,
        person_id=profile.person_id,
        profile=profile,
        role=role[:60],
        added_by=actor,
    )
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise ValidationError(
            {
                "profile": _("%(person)s is already in the team.")
                % {"person": profile.person.public_name}
            }
        )
    project.__dict__.pop("_team_ids", None)
    points_award(
        person=profile.person_id,
        reason="projects.work",
        amount=POINTS_TEAM,
        key=f"projects.team:{project.pk}:{profile.person_id}",
        neighborhood=project.neighborhood_id,
    )
    audit_record(
        actor=actor,
        action="projects.team_add",
        target=project,
        subject=profile.person_id,
        neighborhood=project.neighborhood_id,
        after={"role": member.role},
    )
    notify(
        recipients=[profile.person_id],
        kind="projects.team_added",
        params={"project": project.title, "role": member.role},
        url=project.get_absolute_url(),
        actor=actor,
    )
    return member


@transaction.atomic
def team_member_remove(*, member, actor) -> None:
    project = member.project
    require(
        actor,
        "projects.edit_team",
        project,
        _("Only committee staff or members of this project's team may change the team."),
    )
    audit_record(
        actor=actor,
        action="projects.team_remove",
        target=project,
        subject=member.person_id,
        neighborhood=project.neighborhood_id,
        before={"role": member.role},
    )
    member.delete()
    project.__dict__.pop("_team_ids", None)


def _clean_link(kind, label, url, object_id):
    if kind not in Link.Kind.values:
        raise ValidationError({"kind": _("Choose what kind of item this is.")})
    label, url = (label or "").strip(), (url or "").strip()
    if not label:
        raise ValidationError({"label": _("Give the link a title.")})
    if url and not (url.startswith("/") and not url.startswith("//")):
        raise ValidationError({"url": _("The link must be a page of this site, starting with /.")})
    if object_id is not None and (not isinstance(object_id, int) or object_id < 1):
        raise ValidationError({"object_id": _("The number must be a positive whole number.")})
    return label[:200], url[:300]


@transaction.atomic
def link_add(*, project, kind, label, url="", object_id=None, version=None, actor) -> Link:
    require(
        actor,
        "projects.add_link",
        project,
        _("Only committee staff or the project's team may add links."),
    )
    label, url = _clean_link(kind, label, url, object_id)
    if version is not None and version.project_id != project.pk:
        raise ValidationError({"version": _("This version belongs to another project.")})
    return Link.objects.create(
        project=project,
        version=version,
        kind=kind,
        label=label,
        url=url,
        object_id=object_id,
        added_by=actor,
    )


@transaction.atomic
def version_create(*, project, summary, uploads=(), answers=(), actor) -> DesignVersion:
    """A new design version with its files and the feedback it answers ([(kind, label, url, object_id)]).

    Files are checked first; nothing is saved if one is refused. Numbers are given under a lock on the project.
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(
        actor,
        "projects.add_version",
        project,
        _("Only committee staff or the project's team may add design versions."),
    )
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Say what changed in this version and why.")})
    checked = check_design_files(uploads)
    if not checked:
        raise ValidationError({"files": _("Add at least one drawing (an image or a PDF).")})
    cleaned = [
        (kind, *_clean_link(kind, label, url, object_id), object_id)
        for kind, label, url, object_id in answers
    ]
    number = (project.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DesignVersion.objects.create(
        project=project, number=number, summary=summary, created_by=actor
    )
    for c in checked:
        row = DesignFile(
            version=version, kind=c.kind, name=c.name, size=c.size, width=c.width, height=c.height
        )
        row.file.save(c.content.name, c.content, save=False)
        row.save()
    Link.objects.bulk_create(
        [
            Link(
                project=project,
                version=version,
                kind=k,
                label=lab,
                url=u,
                object_id=oid,
                added_by=actor,
            )
            for k, lab, u, oid in cleaned
        ]
    )
    Project.objects.filter(pk=project.pk).update(
        version_count=F("version_count") + 1, updated_at=timezone.now()
    )
    points_award(
        person=actor,
        reason="projects.work",
        amount=POINTS_VERSION,
        key=f"projects.version:{version.pk}",
        neighborhood=project.neighborhood_id,
    )
    members = set(team_ids(project)) | set(
        Comment.objects.filter(version__project=project)
        .values_list("author_id", flat=True)
        .distinct()[:500]
    )
    notify(
        recipients=[m for m in members if m],
        kind="projects.version_added",
        params={"project": project.title, "number": number},
        url=version.get_absolute_url(),
        actor=actor,
    )
    return version


@transaction.atomic
def comment_add(*, version, body, actor) -> Comment:
    project = version.project
    require(
        actor,
        "projects.comment",
        project,
        _("Only residents of this neighborhood may comment on its designs."),
    )
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your comment first.")})
    if len(body) > 4000:
        raise ValidationError({"body": _("A comment can have at most 4,000 characters.")})
    text_check(
        author=actor,
        text=body,
        kind="projects.comment",
        neighborhood=project.neighborhood,
        public=True,
    )  # spam, mutes and bans, personal data
    comment = Comment.objects.create(
        version=version, author=actor, body=body, body_html=render_markdown(body)
    )
    DesignVersion.objects.filter(pk=version.pk).update(comment_count=F("comment_count") + 1)
    Project.objects.filter(pk=project.pk).update(comment_count=F("comment_count") + 1)
    return comment


@transaction.atomic
def photo_add(*, project, kind, upload, caption="", actor) -> Photo:
    require(
        actor,
        "projects.add_photo",
        project,
        _("Only committee staff or the project's team may add photos."),
    )
    if kind not in Photo.Kind.values:
        raise ValidationError({"kind": _("Is this a photo from before or after?")})
    checked = check_image(upload, max_side=1600)
    photo = Photo(
        project=project,
        kind=kind,
        caption=(caption or "").strip()[:200],
        width=checked.width,
        height=checked.height,
        uploaded_by=actor,
    )
    photo.file.save(checked.content.name, checked.content, save=False)
    photo.save()
    return photo


@transaction.atomic
def rating_set(*, project, score, actor) -> Rating:
    """Rate a finished project 1–5; rating again replaces one's earlier score (counted once)."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(
        actor,
        "projects.rate",
        project,
        _("Residents of the neighborhood can rate a project once it is completed."),
    )
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationError({"score": _("Choose from 1 to 5 stars.")})
    rating = Rating.objects.filter(project=project, person=actor).first()
    if rating is None:
        rating = Rating.objects.create(project=project, person=actor, score=score)
        Project.objects.filter(pk=project.pk).update(
            rating_count=F("rating_count") + 1, rating_sum=F("rating_sum") + score
        )
    elif rating.score != score:
        Project.objects.filter(pk=project.pk).update(
            rating_sum=F("rating_sum") + (score - rating.score)
        )
        rating.score = score
        rating.save(update_fields=["score"])
    return rating
