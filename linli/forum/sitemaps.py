from django.contrib.sitemaps import Sitemap

from .models import Topic


class TopicSitemap(Sitemap):
    """Public topics (residents-only and hidden ones are left out)."""

    changefreq = "daily"
    priority = 0.6
    limit = 5000

    def items(self):
        return (
            Topic.objects.filter(visibility="public", hidden=False)
            .only("id", "last_activity_at")
            .order_by("-id")
        )

    def lastmod(self, item):
        return item.last_activity_at


SITEMAPS = {"forum-topics": TopicSitemap}
