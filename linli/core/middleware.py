"""Who is signed in: checked against the database's session on every request, cheaply.

Django's AuthenticationMiddleware reads the session, then loads the person (two queries
with database sessions). Here:

- Without Redis (the default), sessions are in the database (linli/core/sessions.py) and
  the one statement that reads the session row also brings the person's row. The session
  is then verified against the person's password hash and `is_active`, exactly as Django
  does. A logout, a password change or a deactivation in any process on any machine is
  seen by the next request everywhere: nothing about who is signed in is kept in a
  process. Cost: one primary-key query per request that carries a session cookie.
- With Redis (`REDIS_URL`), sessions are in the shared cache (a logout deletes them there
  for every node) and the loaded person is kept in the shared page-cache store under the
  *data generation* (linli/core/pagecache.py), itself in Redis: any write to the database
  — a changed name, a new role, a deactivated account, a changed password — moves the
  generation for every node, and the next request loads the person afresh. The session
  hash is still verified on every request. No query while nothing has changed.

Anything unusual (no hash, a hash made with an old SECRET_KEY, another backend) takes
Django's own path.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import (
    AuthenticationMiddleware as DjangoAuthenticationMiddleware,
)
from django.core.cache import caches
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from . import pagecache, sessions

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
    if isinstance(session, sessions.SessionStore) or not _shared_person_cache():
        return _loaded(request)
    store = caches["pages"]
    key = f"person:{backend_path}:{user_id}:{pagecache.generation(request)}"
    person = store.get(key)
    if person is None:
        person = auth.get_user(request)
        if person.is_authenticated and str(person.pk) == str(user_id):
            store.set(key, person, pagecache.TIMEOUT)  # pickled now, before any view has touched it
        return person
    return _verified(request, person, backend_path) or auth.get_user(request)


def _shared_person_cache() -> bool:
    """Whether a loaded person may be kept: only in a store every process of every node shares
    (Redis), under a generation they share too; and only while the page cache is on."""
    return bool(getattr(settings, "REDIS_URL", None)) and pagecache.enabled()


def _person(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = signed_in_person(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _person(request))
