"""The one NinjaAPI instance under /api/v1/; each app contributes a router.

Every error is JSON `{"detail": "<a message for people>"}` (422 adds the field-level
`errors`). The handlers below produce them, and `LinliAPI` documents them on every
operation of every router, so that the OpenAPI document says what a client can get back.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from linli.core.errors import first_message

from .auth import session_or_anonymous


class Error(Schema):
    detail: str


class InvalidInput(Schema):
    detail: str
    errors: list[dict[str, Any]] = []


# Status → (description, schema).
ERRORS = {
    400: ("The request body is not valid JSON", Error),
    401: ("Not signed in", Error),
    403: ("Refused by the permission rules, or a write without the CSRF token", Error),
    404: ("No such object (named in the path or the query, or the signed-in person's own)", Error),
    422: ("Invalid input", InvalidInput),
}
SAFE_METHODS = {"get", "head", "options"}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Send the same key again to retry this write safely: it runs once, and a "
    "retry gets the first response (see the API's description; linli/api/idempotency.py).",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
}
OPEN_SCHEMES = {
    type(scheme).__name__
    for scheme in session_or_anonymous
    if type(scheme).__name__ == "SessionOrAnonymous"
}  # schemes that let anonymous requests through


def admits_anonymous(operation: dict) -> bool:
    """Whether an operation of the OpenAPI document lets requests without a person through."""
    security = operation.get("security")
    return not security or any(
        all(name in OPEN_SCHEMES for name in requirement) for requirement in security
    )


def error_statuses(method: str, operation: dict) -> list[int]:
    """The errors an operation can answer with, read from what it declares.

    Any operation may be refused by the rules (403) or look up something that is not there
    (404); 401 needs a sign-in scheme, 400 a body, 422 some input or a write (actions raise
    ValidationError). An operation's own `response={...}` entries take precedence.
    """
    statuses = [403, 404]
    if operation.get("requestBody"):
        statuses.append(400)
    if not admits_anonymous(operation):
        statuses.append(401)
    if operation.get("parameters") or operation.get("requestBody") or method not in SAFE_METHODS:
        statuses.append(422)
    return sorted(statuses)


class LinliAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for _description, model in ERRORS.values():
            components.setdefault(
                model.__name__, model.model_json_schema(ref_template="#/components/schemas/{model}")
            )
        for _path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                if method not in SAFE_METHODS:
                    operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
                responses = operation.setdefault("responses", {})
                for status in error_statuses(method, operation):
                    if status not in responses and str(status) not in responses:
                        description, model = ERRORS[status]
                        responses[status] = {
                            "description": description,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": f"#/components/schemas/{model.__name__}"}
                                }
                            },
                        }
        return schema


api = LinliAPI(
    title="Linli API",
    version="1",
    description="The neighborhood, its households and people, and every capability of Linli. "
    "Session cookies (with the CSRF token for writes) authenticate the browser; scripts send a personal "
    "token (created on the profile page) as `Authorization: Bearer linli_…`. "
    'Errors are JSON: {"detail": "<message>"}.\n\n'
    "**Retrying writes safely.** Send an `Idempotency-Key` header (1 to 255 characters of your "
    "choice, new for each new write) with any POST, PUT, PATCH or DELETE. The first request runs "
    "and its response is kept for 24 hours, for the same token or signed-in person, on every "
    "server. Sending the same request again with the same key (after a reset connection, a "
    "timeout) returns the kept response with the header `Idempotent-Replayed: true`, and the "
    "write is not done twice; a retry that arrives while the first is still running waits for "
    "it. The same key with a different method, path or body is refused with 422. Only "
    "successes (2xx) are kept: after a refusal or an error nothing was written, and the "
    "corrected request may be sent with the same key.",
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


@api.exception_handler(NinjaValidationError)
def invalid_input(request, exc):
    """Ninja's validation errors, with a first message for people beside the field-level list."""
    first = exc.errors[0] if exc.errors else {}
    field = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
    detail = _("Invalid %(field)s: %(message)s") % {"field": field, "message": first.get("msg", "")}
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=422)


@api.exception_handler(OverflowError)
def number_too_large(request, exc):
    """A safety net: a number the database cannot hold (a schema should have bounded it) is bad input, not a 500."""
    return api.create_response(
        request, {"detail": _("A number in the request is too large.")}, status=422
    )


@api.exception_handler(DataError)
def data_error(request, exc):
    return api.create_response(
        request, {"detail": _("A value in the request does not fit.")}, status=422
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Sign in first.")}, status=401)


class ApiIndex(Schema):
    name: str
    version: str
    docs: str
    openapi: str


@api.get("/", response=ApiIndex, summary="Where the documentation is", tags=["api"])
def index(request):
    """The API's front door: its name and version, and the addresses of the interactive
    documentation (Swagger UI, served from this server) and of the OpenAPI document."""
    return {
        "name": api.title,
        "version": api.version,
        "docs": reverse("api:openapi-view"),
        "openapi": reverse("api:openapi-json"),
    }


def _register():
    from linli.core.registry import app_modules

    for module in app_modules("api"):
        if hasattr(module, "router"):
            api.add_router(getattr(module, "PREFIX", "/"), module.router)


_register()

__all__ = ["api", "HttpError", "NinjaValidationError"]
