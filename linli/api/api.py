"""The one NinjaAPI instance under /api/v1/; each app contributes a router."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from linli.core.errors import first_message

from .auth import session_or_anonymous

api = NinjaAPI(
    title="Linli API",
    version="1",
    description="The neighborhood, its households and people, and every capability of Linli. "
    "Session cookies (with the CSRF token for writes) authenticate the browser.",
    urls_namespace="api",
    auth=session_or_anonymous,
    openapi_url="/openapi.json",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    return api.create_response(request, {"detail": first_message(exc)}, status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    from django.utils.translation import gettext as _

    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    from django.utils.translation import gettext as _

    return api.create_response(request, {"detail": _("Sign in first.")}, status=401)


def _register():
    from linli.community.api import router as community_router

    api.add_router("/", community_router)


_register()

__all__ = ["api", "HttpError", "NinjaValidationError"]
