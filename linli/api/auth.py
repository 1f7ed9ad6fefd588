"""API authentication: the browser's session (CSRF-checked for writes) or nobody.

Endpoints that need a signed-in person use `signed_in`; public reads accept anyone and
the permission rules decide what they see.
"""

from ninja.security import SessionAuth


class SessionOrAnonymous(SessionAuth):
    """Lets anonymous requests through as AnonymousUser (rules decide), checks CSRF on writes."""

    def __call__(self, request):
        user = super().__call__(request)
        return user if user else True


class SignedIn(SessionAuth):
    pass


session_or_anonymous = SessionOrAnonymous()
signed_in = SignedIn()
