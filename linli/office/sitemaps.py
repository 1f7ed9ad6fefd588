from django.contrib.sitemaps import Sitemap

from linli.moderation.selectors import held_q

from .models import Request


class PublicRequests(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return (
            Request.objects.filter(public=True)
            .exclude(held_q(Request))
            .order_by("-created_at", "-id")
            .only("id", "updated_at")[:5000]
        )

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"office-requests": PublicRequests}
