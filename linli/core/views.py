from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

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
