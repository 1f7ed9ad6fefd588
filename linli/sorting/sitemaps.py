from django.contrib.sitemaps import Sitemap

from .models import Item


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3
    limit = 5000

    def items(self):
        return Item.objects.filter(status=Item.Status.PUBLISHED).only("id").order_by("pk")


SITEMAPS = {"sorting-items": ItemSitemap}
