"""Reads for project pages, each a fixed number of queries whatever the data size."""

from django.db.models import Prefetch

from linli.moderation.selectors import without_held
from linli.stats.selectors import levels_of

from .models import (
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


def project_list(*, neighborhood, stage=""):
    found = Project.objects.filter(neighborhood=neighborhood).select_related("compound")
    if stage in Stage.values:
        found = found.filter(stage=stage)
    return found.order_by("-updated_at", "-pk")


def project_detail(pk):
    """A project with its timeline, team, versions (with files), project-level links and photos: 7 queries."""
    return (
        Project.objects.filter(pk=pk)
        .select_related("neighborhood", "compound", "site_plan")
        .prefetch_related(
            Prefetch(
                "stage_changes",
                queryset=StageChange.objects.select_related("changed_by").order_by(
                    "changed_at", "pk"
                ),
            ),
            Prefetch(
                "team",
                queryset=TeamMember.objects.select_related("person").order_by("added_at", "pk"),
            ),
            Prefetch(
                "versions",
                queryset=DesignVersion.objects.select_related("created_by")
                .order_by("number")
                .prefetch_related(Prefetch("files", queryset=DesignFile.objects.order_by("pk"))),
            ),
            Prefetch(
                "links",
                queryset=Link.objects.filter(version__isnull=True).order_by("kind", "pk"),
                to_attr="project_links",
            ),
            Prefetch("photos", queryset=Photo.objects.order_by("kind", "pk")),
        )
        .first()
    )


def version_detail(project, number):
    return (
        DesignVersion.objects.filter(project=project, number=number)
        .select_related("created_by")
        .prefetch_related(
            Prefetch("files", queryset=DesignFile.objects.order_by("pk")),
            Prefetch("answers", queryset=Link.objects.order_by("kind", "pk")),
        )
        .first()
    )


def version_numbers(project):
    return list(
        DesignVersion.objects.filter(project=project)
        .order_by("number")
        .values_list("number", flat=True)
    )


def comments_of(version, viewer=None, moderator=False):
    """A version's comments without those moderation holds, except the viewer's own (all for a moderator)."""
    return (
        without_held(
            Comment.objects.filter(version=version),
            viewer,
            author_field="author_id",
            moderator=moderator,
        )
        .select_related("author")
        .order_by("created_at", "pk")
    )


def recent_comments(version, n=20, viewer=None, moderator=False):
    return list(
        without_held(
            Comment.objects.filter(version=version),
            viewer,
            author_field="author_id",
            moderator=moderator,
        )
        .select_related("author")
        .order_by("-created_at", "-pk")[:n]
    )[::-1]


def with_levels(comments, neighborhood_id):
    comments = list(comments)
    levels = levels_of([c.author_id for c in comments], neighborhood_id)
    for c in comments:
        c.level = levels.get(c.author_id)
    return comments


def my_rating(project, user):
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Rating.objects.filter(project=project, person=user).values_list("score", flat=True).first()
    )


def site_plans_of(neighborhood):
    return (
        SitePlan.objects.filter(neighborhood=neighborhood)
        .select_related("compound")
        .order_by("compound__name", "-created_at")
    )


def work_of(person_id) -> dict:
    """A person's project roles and design versions (for the talent profile): two queries."""
    roles = list(
        TeamMember.objects.filter(person_id=person_id)
        .select_related("project")
        .order_by("-added_at")[:50]
    )
    versions = list(
        DesignVersion.objects.filter(created_by_id=person_id)
        .select_related("project")
        .order_by("-created_at")[:50]
    )
    return {"roles": roles, "versions": versions}


def stage_counts(neighborhood) -> dict:
    from django.db.models import Count

    return dict(
        Project.objects.filter(neighborhood=neighborhood)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
