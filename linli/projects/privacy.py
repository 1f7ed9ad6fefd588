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
    # Public comments and design versions remain (the author is shown as a former resident); the rest goes.
    TeamMember.objects.filter(person=person).delete()
