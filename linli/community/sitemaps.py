from django.contrib.sitemaps import Sitemap

from .models import Building, Neighborhood


class NeighborhoodSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Neighborhood.objects.order_by("pk")


class BuildingSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3
    limit = 5000

    def items(self):
        return Building.objects.order_by("pk")


SITEMAPS = {"neighborhoods": NeighborhoodSitemap, "buildings": BuildingSitemap}
