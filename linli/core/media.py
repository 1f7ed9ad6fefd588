"""Uploaded files on any storage, served only to those a page gave a link.

A file's URL is `/media/<name>?e=<expiry>&s=<signature>`: signed with SECRET_KEY (the same on
every node), valid for `LIFETIME` seconds (rounded to a window, so a page keeps one URL for its
images while it is cached). The page that shows the link has already asked the permission rules;
whoever holds no fresh link gets 404. The file is streamed from the storage — the local disk
(`var/media`, the one-machine default) or an S3-compatible object store (`LINLI_S3_BUCKET`) —
so it is the same on every node, whichever received the upload.
"""

import mimetypes
import time

from django.conf import settings
from django.core import signing
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

LIFETIME = 3600  # seconds a link stays valid, at least
WINDOW = 600  # links made within one window are identical (cache-friendly pages)
_signer = signing.Signer(salt="linli.media")


def _signature(name: str, expires: int) -> str:
    return _signer.signature(f"{name}|{expires}")


def signed_url(name: str) -> str:
    expires = (int(time.time()) // WINDOW + 1) * WINDOW + LIFETIME
    query = urlencode({"e": expires, "s": _signature(name, expires)})
    return f"{settings.MEDIA_URL}{name}?{query}"


def valid(name: str, expires: str, signature: str) -> bool:
    try:
        deadline = int(expires)
    except (TypeError, ValueError):
        return False
    if deadline < time.time():
        return False
    return signing.constant_time_compare(_signature(name, deadline), signature or "")


class SignedURLs:
    """Storage mixin: `.url(name)` is a signed link to the media view, not a public path."""

    def url(self, name):
        return signed_url(name)


class LocalMediaStorage(SignedURLs, FileSystemStorage):
    pass


try:  # django-storages, for an S3-compatible object store
    from storages.backends.s3 import S3Storage

    class S3MediaStorage(SignedURLs, S3Storage):
        pass

except ImportError:  # pragma: no cover - django-storages is a dependency
    S3MediaStorage = None


@require_GET
def media(request, name):
    if (
        ".." in name.split("/")
        or "\x00" in name
        or not valid(name, request.GET.get("e"), request.GET.get("s"))
    ):
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = f"private, max-age={LIFETIME}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
