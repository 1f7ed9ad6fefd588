"""Who is signed in: checked against the database's session on every request, cheaply.

Django's AuthenticationMiddleware reads the session, then loads the person (two queries
with database sessions). Here:

Sessions are in the database (linli/core/sessions.py), with or without Redis, and the one
statement that reads the session row also brings the person's row. The session is then
verified against the person's password hash and `is_active`, exactly as Django does. A
logout, a password change or a deactivation in any process on any machine is seen by the
next request everywhere: nothing about who is signed in is kept in a process or in Redis
(a session kept in Redis could outlive a logout made while Redis was unreachable, and come
back with it). Cost: one primary-key query per request that carries a session cookie.

Anything unusual (no hash, a hash made with an old SECRET_KEY, another backend) takes
Django's own path.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import (
    AuthenticationMiddleware as DjangoAuthenticationMiddleware,
)
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from . import sessions

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _verified(request, person, backend_path):
    """`person` if the session is theirs and still valid as Django would judge it, else None."""
    session_hash = request.session.get(HASH_SESSION_KEY)
    if (
        backend_path == MODEL_BACKEND
        and backend_path in settings.AUTHENTICATION_BACKENDS
        and getattr(person, "is_active", True)
        and session_hash
        and constant_time_compare(session_hash, person.get_session_auth_hash())
    ):
        return person
    return None


def _loaded(request):
    """Django's own path (one query for the person); the session key is remembered as theirs."""
    person = auth.get_user(request)
    if person.is_authenticated:
        sessions.remember(request.session.session_key, person.pk)
    return person


def signed_in_person(request):
    session = request.session
    try:
        user_id, backend_path = session[SESSION_KEY], session[BACKEND_SESSION_KEY]
    except KeyError:
        return auth.get_user(request)  # nobody: no query
    preloaded = getattr(session, "preloaded_person", None)
    if preloaded is not None and str(preloaded.pk) == str(user_id):
        return _verified(request, preloaded, backend_path) or _loaded(request)
    return _loaded(request)


def _person(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = signed_in_person(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _person(request))
