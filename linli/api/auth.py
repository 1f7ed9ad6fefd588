"""API authentication: a personal token (`Authorization: Bearer linli_…`), the browser's
session (CSRF-checked for writes), or nobody.

Endpoints that need a signed-in person use `signed_in` (token or session); public reads
accept anyone and the permission rules decide what they see.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    """A personal API token. A read-only token may not write; a revoked one is refused (401)."""

    def authenticate(self, request, token):
        from .actions import token_authenticate

        found = token_authenticate(token)
        if found is None:
            return None
        if request.method not in SAFE_METHODS and found.scope != "write":
            raise PermissionDenied(
                _("This token may only read: create a read-and-write token to change data.")
            )
        request.user = found.person
        request.api_token = found
        return found.person


class CheckedSession(SessionAuth):
    """The session cookie; a write without a valid CSRF token is a 403 with a message in the user's language."""

    def _get_key(self, request):
        try:
            return super()._get_key(request)
        except HttpError as error:
            if error.status_code != 403:
                raise
            # Django's own wording, so its catalogue translates it.
            raise PermissionDenied(_("CSRF verification failed. Request aborted.")) from error


class SessionOrAnonymous(CheckedSession):
    """Lets anonymous requests through as AnonymousUser (rules decide), checks CSRF on writes."""

    def __call__(self, request):
        user = super().__call__(request)
        return user if user else True


class SignedIn(CheckedSession):
    pass


token = TokenAuth()
session_or_anonymous = [token, SessionOrAnonymous()]
signed_in = [token, SignedIn()]
