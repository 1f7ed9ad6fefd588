"""/api/v1/audit: the neighborhood's log (secretary) and the entries about me."""

from datetime import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from linli.api.auth import signed_in
from linli.core.paging import Mapped, Pages
from linli.core.perms import require

from . import selectors

PREFIX = "/audit"
router = Router(tags=["audit"], auth=signed_in)


class EntryOut(Schema):
    id: int
    created_at: datetime
    actor: str | None
    action: str
    target: str
    subject: str | None
    before: Any = None
    after: Any = None


class LogFilter(Schema):
    q: str = Field("", max_length=100)
    action: str = Field("", max_length=60)


def _row(e):
    return {
        "id": e.pk,
        "created_at": e.created_at,
        "actor": e.actor.username if e.actor else None,
        "action": e.action,
        "target": e.target_label,
        "subject": e.subject.username if e.subject else None,
        "before": e.before,
        "after": e.after,
    }


@router.get(
    "/neighborhoods/{slug}",
    response=list[EntryOut],
    summary="The neighborhood's audit log (secretary)",
)
@paginate(Pages, page_size=50)
def neighborhood_log(
    request,
    slug: str = Path(..., pattern=r"^[-a-zA-Z0-9_]+$", max_length=50),
    filters: LogFilter = Query(...),
):
    neighborhood = get_object_or_404(selectors.neighborhoods(), slug=slug)
    require(request.user, "audit.view_log", neighborhood)
    return Mapped(
        selectors.neighborhood_log(
            neighborhood, search=filters.q[:100], action=filters.action[:60]
        ),
        _row,
    )


@router.get("/me", response=list[EntryOut], summary="Audit entries about me")
@paginate(Pages, page_size=50)
def mine(request):
    require(request.user, "audit.view_own")
    return Mapped(selectors.entries_about(request.user), _row)
