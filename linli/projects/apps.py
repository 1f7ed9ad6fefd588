from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "linli.projects"
    label = "projects"
    verbose_name = _("Micro-renewal projects")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("projects:index", _("Projects"), None)]
    nav_icon, nav_group = (
        "wrench-screwdriver",
        "have_a_say",
    )  # a Heroicons name; a group of core/context_processors.py
    # Staff pages of a neighborhood: (url name taking the slug, label, permission); see community/staff_nav.html.
    staff_nav = [
        ("projects:project-list", _("Projects"), "projects.create_project"),
        ("projects:site-plans", _("Site plans"), "projects.upload_site_plan"),
    ]

    def ready(self):
        from . import moderated

        moderated.register()
