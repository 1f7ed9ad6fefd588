import logging

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("linli.health")

FLOOR_BODY = b"<!doctype html><title>floor</title><p>ok</p>"


@require_GET
def floor(request):
    """The benchmark's floor: the same middleware stack returning a constant page."""
    return HttpResponse(FLOOR_BODY)


@require_GET
@cache_control(max_age=86400, public=True)
def robots(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    body = "User-agent: *\nDisallow: /staff/\nDisallow: /me/\nDisallow: /notifications/\nDisallow: /accounts/\nDisallow: /api/\nDisallow: /admin/\n"
    return HttpResponse(f"{body}\nSitemap: {sitemap}\n", content_type="text/plain")


@require_GET
@never_cache
def healthz(request):
    """The process is alive and answers (no database, no Redis): for the supervisor."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request):
    """Whether this node can serve: the database and the file storage must answer (503 if not).

    Redis is reported but does not make a node unready: without it the site is slower, not
    broken, and taking every node out of the proxy when Redis fails would take the site down.
    """
    checks = {"database": _check_database(), "storage": _check_storage()}
    if settings.REDIS_URL:
        checks["redis"] = "ok" if caches["default"].available() else "down"
    ready = checks["database"] == "ok" and checks["storage"] == "ok"
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DatabaseError as error:
        logger.error("readyz: the database does not answer: %s", error)
        return "down"


def _check_storage() -> str:
    try:
        default_storage.exists("readyz")
        return "ok"
    except Exception as error:  # any backend's failure (S3 client errors, OSError…)
        logger.error("readyz: the file storage does not answer: %s", error)
        return "down"


@require_GET
def capabilities(request):
    """Every capability the person may open, with its icon, grouped as the desktop menu is:
    the phone tab bar's "Services" tab. The list is the navigation of the context processor
    (linli/core/context_processors.py), already filtered by each entry's permission."""
    from django.shortcuts import render

    return render(request, "core/capabilities.html")
