from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "linli.spaces"
    label = "spaces"
    verbose_name = _("Spaces")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("spaces:space-index", _("Spaces"), None)]
    nav_icon, nav_group = (
        "key",
        "services",
    )  # a Heroicons name; a group of core/context_processors.py
    # Staff pages of a neighborhood: (url name taking the slug, label, permission); see community/staff_nav.html.
    staff_nav = [
        ("spaces:booking-queue", _("Bookings to approve"), "spaces.approve_booking"),
    ]

    def ready(self):
        from . import moderated

        moderated.register()
