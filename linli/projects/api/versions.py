"""Projects API: design versions, comments, links."""

from django.http import Http404
from ninja import File, Form, Path, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.api.schemas import MAX_ID
from linli.core.paging import Mapped, Pages
from linli.projects import actions, selectors

from .common import _clean, _link, _load, _version, router
from .schemas import CommentIn, CommentOut, LinkIn, LinkOut, VersionOut


@router.get(
    "/{project_id}/versions/{number}",
    response=VersionOut,
    summary="One design version with its files and the feedback it answers",
)
def version_detail(
    request, project_id: int = Path(..., ge=1, le=MAX_ID), number: int = Path(..., ge=1, le=100_000)
):
    project = _load(request, project_id)
    version = selectors.version_detail(project, number)
    if version is None:
        raise Http404
    return _version(version, answers=True)


@router.post(
    "/{project_id}/versions",
    response={201: VersionOut},
    auth=signed_in,
    summary="Publish a design version (multipart: summary and files; committee staff or the team)",
)
def version_create(
    request,
    project_id: int = Path(..., ge=1, le=MAX_ID),
    summary: str = Form(..., min_length=1, max_length=4000),
    files: list[UploadedFile] = File(...),
):
    project = _load(request, project_id, "projects.add_version")
    version = actions.version_create(
        project=project, summary=_clean(summary), uploads=files, actor=request.user
    )
    return Status(201, _version(selectors.version_detail(project, version.number), answers=True))


@router.get(
    "/{project_id}/versions/{number}/comments",
    response=list[CommentOut],
    summary="Comments on a design version, oldest first",
)
@paginate(Pages)
def comment_list(
    request, project_id: int = Path(..., ge=1, le=MAX_ID), number: int = Path(..., ge=1, le=100_000)
):
    project = _load(request, project_id)
    version = selectors.version_detail(project, number)
    if version is None:
        raise Http404
    return Mapped(
        selectors.comments_of(version),
        lambda c: {
            "id": c.pk,
            "author": c.author.public_name if c.author else "",
            "body_html": c.body_html,
            "created_at": c.created_at,
        },
    )


@router.post(
    "/{project_id}/versions/{number}/comments",
    response={201: CommentOut},
    auth=signed_in,
    summary="Comment on a design version (residents of the neighborhood)",
)
def comment_add(
    request,
    data: CommentIn,
    project_id: int = Path(..., ge=1, le=MAX_ID),
    number: int = Path(..., ge=1, le=100_000),
):
    project = _load(request, project_id, "projects.comment")
    version = selectors.version_detail(project, number)
    if version is None:
        raise Http404
    version.project = project
    c = actions.comment_add(version=version, body=_clean(data.body), actor=request.user)
    return Status(
        201,
        {
            "id": c.pk,
            "author": request.user.public_name,
            "body_html": c.body_html,
            "created_at": c.created_at,
        },
    )


@router.post(
    "/{project_id}/links",
    response={201: LinkOut},
    auth=signed_in,
    summary="Link a topic, reply, consultation, decision or request (staff or the team)",
)
def link_add(request, data: LinkIn, project_id: int = Path(..., ge=1, le=MAX_ID)):
    project = _load(request, project_id, "projects.add_link")
    version = None
    if data.version is not None:
        version = selectors.version_detail(project, data.version)
        if version is None:
            raise Http404
    link = actions.link_add(
        project=project,
        kind=data.kind.value,
        label=_clean(data.label),
        url=_clean(data.url),
        object_id=data.object_id,
        version=version,
        actor=request.user,
    )
    return Status(201, _link(link))
