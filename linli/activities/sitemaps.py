from django.contrib.sitemaps import Sitemap

from .models import Activity


class ActivitySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4
    limit = 5000

    def items(self):
        return Activity.objects.filter(status=Activity.Status.PUBLISHED).order_by("-starts_at")[
            :5000
        ]


SITEMAPS = {"activities": ActivitySitemap}
