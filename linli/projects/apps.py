from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "linli.projects"
    label = "projects"
    verbose_name = _("Micro-renewal projects")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("projects:index", _("Projects"), None)]
