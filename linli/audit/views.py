from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from linli.core.paging import paginate
from linli.core.perms import require
from linli.core.search import search_query

from . import selectors
from .actions import ACTION_LABELS


@login_required
def audit_log(request, slug):
    neighborhood = get_object_or_404(selectors.neighborhoods(), slug=slug)
    require(request.user, "audit.view_log", neighborhood)
    q, action = search_query(request.GET.get("q"), 100), request.GET.get("action", "")
    action = action if action in ACTION_LABELS else ""
    page = paginate(
        request, selectors.neighborhood_log(neighborhood, search=q, action=action), per_page=50
    )
    return render(
        request,
        "audit/audit_log.html",
        {
            "neighborhood": neighborhood,
            "page": page,
            "q": q,
            "action": action,
            "actions": ACTION_LABELS.items(),
        },
    )


@login_required
def audit_mine(request):
    require(request.user, "audit.view_own")
    page = paginate(request, selectors.entries_about(request.user), per_page=50)
    return render(request, "audit/audit_mine.html", {"page": page})
