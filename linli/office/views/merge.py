"""Merging a duplicate request into another (committee staff): a plain form on the request's
page — the number of the request that stays, or one click on a likely duplicate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.perms import require

from ..actions.merge import request_merge
from ..models import Request
from .common import fail


@login_required
@require_POST
def request_merge_view(request, pk):
    duplicate = get_object_or_404(Request.objects.select_related("category"), pk=pk)
    require(
        request.user,
        "office.merge_request",
        duplicate,
        _("Only committee staff of this neighborhood can merge requests."),
    )
    into = (request.POST.get("into") or "").strip().lstrip("#")
    survivor = (
        Request.objects.select_related("category").filter(pk=int(into)).first()
        if into.isascii() and into.isdigit() and len(into) < 18
        else None
    )
    if survivor is None:
        messages.error(request, _("Give the number of an existing request to merge into."))
        return redirect(duplicate)
    try:
        request_merge(
            duplicate=duplicate,
            survivor=survivor,
            actor=request.user,
            note=request.POST.get("note", "")[:300],
        )
    except ValidationError as error:
        fail(request, error)
        return redirect(duplicate)
    messages.success(
        request,
        _("Merged into #%(n)s; its followers and reporter follow it now and are told.")
        % {"n": survivor.pk},
    )
    return redirect(survivor)
