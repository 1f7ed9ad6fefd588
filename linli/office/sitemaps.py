from django.contrib.sitemaps import Sitemap

from .models import Request


class PublicRequests(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return (
            Request.objects.filter(public=True)
            .order_by("-created_at", "-id")
            .only("id", "updated_at")[:5000]
        )

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"office-requests": PublicRequests}
