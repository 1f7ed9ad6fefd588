from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "linli.volunteers"
    label = "volunteers"
    verbose_name = _("Volunteers")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("volunteers:index", _("Volunteers"), "volunteers.sign_up_anywhere")]
    nav_icon, nav_group = (
        "heart",
        "neighbors",
    )  # a Heroicons name; a group of core/context_processors.py
    # Staff pages of a neighborhood: (url name taking the slug, label, permission); see community/staff_nav.html.
    staff_nav = [("volunteers:shift-new", _("Publish shifts"), "volunteers.manage_shifts")]

    def ready(self):
        from . import moderated

        moderated.register()
