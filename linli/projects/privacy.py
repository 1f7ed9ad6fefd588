"""What projects hold about a person (PIPL): comments, ratings, team roles, versions. Comments stay, without the name."""

from .models import Comment, DesignVersion, Rating, TeamMember


def export(person):
    return {
        "project_comments": [
            {
                "project": c.version.project.title,
                "version": c.version.number,
                "body": c.body,
                "created_at": c.created_at.isoformat(),
            }
            for c in Comment.objects.filter(author=person).select_related("version__project")
        ],
        "project_ratings": [
            {"project": r.project.title, "score": r.score}
            for r in Rating.objects.filter(person=person).select_related("project")
        ],
        "project_roles": [
            {"project": m.project.title, "role": m.role}
            for m in TeamMember.objects.filter(person=person).select_related("project")
        ],
        "design_versions": [
            {"project": v.project.title, "version": v.number}
            for v in DesignVersion.objects.filter(created_by=person).select_related("project")
        ],
    }


def anonymise(person):
    # Public comments and design versions remain (the author is shown as a former resident).
    # The person leaves each team through team_member_remove; as the log skips what a person does
    # to themselves, the entry the committee needs (who left the team) is written here.
    from linli.audit.actions import audit_record

    from .actions import team_member_remove

    for member in TeamMember.objects.filter(person=person).select_related("project"):
        team_member_remove(member=member, actor=person)
        audit_record(
            actor=person,
            action="projects.team_remove",
            target=member.project,
            neighborhood=member.project.neighborhood_id,
            before={"role": member.role},
            after={"reason": "account deleted"},
        )
