"""Projects: create, update, stages, site plans, photos, ratings."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require
from linli.notify.actions import notify
from linli.projects.models import (
    STAGE_ORDER,
    Photo,
    Project,
    Rating,
    SitePlan,
    Stage,
    StageChange,
    TeamMember,
)
from linli.projects.uploads import check_image
from linli.stats.actions import points_award

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
