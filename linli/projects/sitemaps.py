from django.contrib.sitemaps import Sitemap

from .models import Project


class ProjectSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Project.objects.order_by("pk").only("pk", "updated_at")

    def lastmod(self, project):
        return project.updated_at


SITEMAPS = {"projects": ProjectSitemap}
