"""Design versions, their comments and links."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.perms import require
from linli.core.text import render_markdown
from linli.moderation.screen import screened
from linli.notify.actions import notify
from linli.projects.models import (
    Comment,
    DesignFile,
    DesignVersion,
    Link,
    Project,
)
from linli.projects.predicates import team_ids
from linli.projects.uploads import check_design_files
from linli.stats.actions import points_award

POINTS_VERSION = 20


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
    hold_it = screened(
        author=actor,
        text=body,
        kind="projects.comment",
        neighborhood=project.neighborhood,
        public=True,
    )  # spam, mutes and bans, personal data; a held comment waits for staff
    comment = Comment.objects.create(
        version=version, author=actor, body=body, body_html=render_markdown(body)
    )
    hold_it(comment)
    DesignVersion.objects.filter(pk=version.pk).update(comment_count=F("comment_count") + 1)
    Project.objects.filter(pk=project.pk).update(comment_count=F("comment_count") + 1)
    return comment
