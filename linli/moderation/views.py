"""The staff moderation queue: reported posts with their reasons; keep visible or hide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.models import Neighborhood
from linli.core.paging import paginate
from linli.core.perms import require

from . import actions, selectors
from .models import Case, Reason

REASON_LABELS = dict(Reason.choices)


@login_required
def case_queue(request, slug):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    require(request.user, "moderation.review", neighborhood)
    status = request.GET.get("status") if request.GET.get("status") in Case.Status.values else Case.Status.OPEN
    page = paginate(request, selectors.queue(neighborhood=neighborhood, status=status), per_page=30)
    reasons = selectors.reasons_by_case([c.pk for c in page])
    for case in page:
        case.reason_list = [(REASON_LABELS.get(r, r), n) for r, n in sorted(reasons.get(case.pk, {}).items())]
    return render(request, "moderation/case_queue.html", {"neighborhood": neighborhood, "page": page, "status": status, "statuses": Case.Status.choices})


@login_required
@require_POST
def case_review(request, pk):
    case = get_object_or_404(Case.objects.select_related("neighborhood"), pk=pk)
    require(request.user, "moderation.review", case)
    decision = request.POST.get("decision")
    if decision == "approve":
        actions.case_approve(case=case, actor=request.user)
        messages.success(request, _("The post stays visible; its author was told."))
    elif decision == "hide":
        actions.case_hide(case=case, actor=request.user)
        messages.success(request, _("The post is hidden; its author was told."))
    else:
        messages.error(request, _("Choose to keep the post visible or to hide it."))
    return redirect("moderation:case-queue", case.neighborhood.slug)
