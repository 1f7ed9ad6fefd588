"""Who is signed in, without a query per request while nothing has changed.

Django's AuthenticationMiddleware loads the person from the database on every request.
Here the loaded person is kept in the page cache's store under the *data generation*
(linli/core/pagecache.py): any write to the database — a changed name, a new role, a
deactivated account, a changed password — moves the generation, and the next request
loads the person afresh. The session is still verified against the person's password
hash on every request, exactly as Django does; anything unusual (no hash, a hash made
with an old SECRET_KEY) takes Django's own path.
"""

from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import (
    AuthenticationMiddleware as DjangoAuthenticationMiddleware,
)
from django.core.cache import caches
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from . import pagecache


def signed_in_person(request):
    try:
        user_id, backend_path = request.session[SESSION_KEY], request.session[BACKEND_SESSION_KEY]
    except KeyError:
        return auth.get_user(request)
    if not pagecache.enabled():
        return auth.get_user(request)
    store = caches["pages"]
    key = f"person:{backend_path}:{user_id}:{pagecache.generation(request)}"
    person = store.get(key)
    if person is None:
        person = auth.get_user(request)
        if person.is_authenticated and str(person.pk) == str(user_id):
            store.set(key, person, pagecache.TIMEOUT)  # pickled now, before any view has touched it
        return person
    session_hash = request.session.get(HASH_SESSION_KEY)
    if session_hash and constant_time_compare(session_hash, person.get_session_auth_hash()):
        return person
    return auth.get_user(request)


def _person(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = signed_in_person(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _person(request))
