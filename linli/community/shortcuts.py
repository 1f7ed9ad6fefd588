"""Shortcuts for views and API endpoints of every app: find a neighborhood by its slug and ask the
rules in one call (404 when there is none, then 403 with a translated message when refused)."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from linli.core.perms import require

from .models import Neighborhood


def neighborhood_or_404(
    request: HttpRequest, slug: str, perm: str | None = None, message: str | None = None
) -> Neighborhood:
    """The neighborhood `slug`, once `request.user` holds `perm` on it (when `perm` is given)."""
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    if perm is not None:
        require(request.user, perm, neighborhood, message)
    return neighborhood
