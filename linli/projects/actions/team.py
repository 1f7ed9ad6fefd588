"""A project's team: members added and removed."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.core.perms import require
from linli.notify.actions import notify
from linli.projects.models import (
    TeamMember,
)
from linli.stats.actions import points_award

POINTS_TEAM = 10


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
