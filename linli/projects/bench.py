"""Benchmark pages: the waste-sorting room project (7 design versions, ~200 comments) and its latest version."""


def _waste(suffix=""):
    from .demo import WASTE_TITLE
    from .models import Project

    project = Project.objects.filter(title=WASTE_TITLE).only("pk").first()
    return f"/projects/{project.pk}/{suffix}" if project else None


PAGES = [
    dict(name="projects.detail", path=lambda: _waste(), user="resident"),
    dict(name="projects.version", path=lambda: _waste("v/7/"), user="resident"),
    dict(name="projects.compare", path=lambda: _waste("compare/"), user="resident"),
    dict(name="projects.list", path="/projects/n/binjiang/", user=None),
]
