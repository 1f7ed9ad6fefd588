"""The installable app: manifest, service worker, offline page; and sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .registry import app_modules


@require_GET
@cache_control(max_age=3600, public=True)
def manifest(request):
    language = translation.get_language()
    return JsonResponse(
        {
            "name": _("Linli · our neighborhood"),
            "short_name": _("Linli"),
            "description": _("Residents and their committee run the neighborhood together."),
            "lang": "zh-Hans" if language == "zh-hans" else language,
            "start_url": "/?source=pwa",
            "scope": "/",
            "display": "standalone",
            "background_color": "#f6f7f9",
            "theme_color": "#0b6e4f",
            "icons": [
                {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("img/icon-maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def service_worker(request):
    response = render(
        request,
        "core/sw.js",
        {
            "shell": [
                reverse("offline"),
                static("css/linli.css"),
                static("js/linli.js"),
                static("js/htmx.min.js"),
                static("img/icon-192.png"),
            ]
        },
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline(request):
    return render(request, "core/offline.html")


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["home", "signup", "login"]

    def location(self, item):
        return reverse(item)


def sitemaps():
    found = {"pages": StaticPagesSitemap}
    for module in app_modules("sitemaps"):
        found.update(getattr(module, "SITEMAPS", {}))
    return found


def sitemap(request):
    return sitemap_view(request, sitemaps=sitemaps())
