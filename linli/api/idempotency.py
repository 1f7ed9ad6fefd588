"""`Idempotency-Key`: an API write sent twice runs once.

A client whose connection was reset after sending a write cannot know whether the write
ran. If it sends `Idempotency-Key: <a unique string of its choice>` with a POST, PUT, PATCH
or DELETE under /api/v1/, it may send the same request again with the same key:

- the first request runs, and its response is kept in the database for 24 hours (every
  node sees it);
- a retry with the same key, method, path and body gets the kept response (with the header
  `Idempotent-Replayed: true`) and the write does not run again;
- the same key with a different request is refused (422), and nothing runs;
- a retry sent while the first is still running waits for it, then gets its response: the
  first request holds the key's row (the unique index on PostgreSQL, the write lock on
  SQLite) until it has finished;
- only a success (2xx) is kept: a refusal (a missing CSRF token, a permission, invalid
  input: the actions are atomic, so nothing was written) or an error leaves the key free,
  and the corrected request may be sent with it.

Keys belong to who sends them: the API token (a hash of it), else the signed-in person.
Requests with neither, or without the header, pass through untouched.

Precondition of the design: the request runs inside one transaction that also holds the
key's row, so the write and the kept response are committed together or not at all.
"""

import hashlib
import time
from datetime import timedelta

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import IdempotentRequest

HEADER = "Idempotency-Key"
PREFIX = "/api/v1/"
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KEPT_FOR = timedelta(hours=24)
KEY_MAX = 255
CLEAN_EVERY = 60  # seconds between deletions of expired rows, per process
_cleaned = [0.0]


def owner_of(request) -> str | None:
    """Whose key this is: the token sent, else the signed-in person; None for nobody."""
    authorization = request.headers.get("Authorization", "")
    if authorization.lower().startswith("bearer "):
        secret = authorization[7:].strip()
        return "token:" + hashlib.sha256(secret.encode()).hexdigest()[:40]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"person:{user.pk}"
    return None


def fingerprint_of(request) -> str | None:
    """A hash of the method, path and body; None for a body too large to hold in memory."""
    try:
        body = request.body
    except RequestDataTooBig:
        return None
    digest = hashlib.sha256()
    for part in (request.method, request.get_full_path(), request.content_type or ""):
        digest.update(part.encode() + b"\x00")
    digest.update(body)
    return digest.hexdigest()


def _refusal(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def _replay(kept: IdempotentRequest, fingerprint: str) -> HttpResponse:
    if kept.fingerprint != fingerprint:
        return _refusal(
            422,
            _(
                "This Idempotency-Key was already used for a different request. "
                "Send a new key with a new request."
            ),
        )
    if kept.status is None:  # not reachable while the first request holds the row; kept for safety
        return _refusal(
            409, _("A request with this Idempotency-Key is still running. Try again in a moment.")
        )
    response = HttpResponse(bytes(kept.body), status=kept.status, content_type=kept.content_type)
    response["Idempotent-Replayed"] = "true"
    return response


def _clean(now) -> None:
    if time.monotonic() - _cleaned[0] > CLEAN_EVERY:
        _cleaned[0] = time.monotonic()
        IdempotentRequest.objects.filter(expires_at__lte=now).delete()


def run_once(request, get_response, *, owner: str, key: str) -> HttpResponse:
    """Run the request unless (owner, key) already ran; see the module's docstring."""
    fingerprint = fingerprint_of(request)
    if fingerprint is None:
        return get_response(request)  # larger than DATA_UPLOAD_MAX_MEMORY_SIZE: refused by the view
    now = timezone.now()
    _clean(now)
    IdempotentRequest.objects.filter(owner=owner, key=key, expires_at__lte=now).delete()
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotentRequest.objects.create(
                    owner=owner, key=key, fingerprint=fingerprint, expires_at=now + KEPT_FOR
                )
        except IntegrityError:  # it ran (or ran while we waited on the unique index)
            return _replay(IdempotentRequest.objects.get(owner=owner, key=key), fingerprint)
        response = get_response(request)
        if response.status_code >= 500:
            transaction.set_rollback(True)  # the key is free again; the transaction may be broken
            return response
        if not 200 <= response.status_code < 300 or getattr(response, "streaming", False):
            record.delete()  # refused: nothing was written, the key is free again
            return response
        record.status = response.status_code
        record.content_type = response.get("Content-Type", "")[:100]
        record.body = response.content
        record.save(update_fields=["status", "content_type", "body"])
        return response


class IdempotencyMiddleware:
    """Applies `run_once` to API writes that carry an `Idempotency-Key` (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.headers.get(HEADER)
        if key is None or request.method not in WRITES or not request.path.startswith(PREFIX):
            return self.get_response(request)
        key = key.strip()
        if not key or len(key) > KEY_MAX:
            return _refusal(
                422,
                _("An Idempotency-Key has 1 to %(max)s characters.") % {"max": KEY_MAX},
            )
        owner = owner_of(request)
        if owner is None:
            return self.get_response(request)
        return run_once(request, self.get_response, owner=owner, key=key)
