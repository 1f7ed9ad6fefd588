from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    name = "linli.office"
    label = "office"
    verbose_name = _("Joint office")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("office:request-index", _("Requests"), None)]
    nav_icon, nav_group = (
        "clipboard-document-list",
        "services",
    )  # a Heroicons name; a group of core/context_processors.py
    # Staff pages of a neighborhood: (url name taking the slug, label, permission); see community/staff_nav.html.
    staff_nav = [
        ("office:dashboard", _("Requests dashboard"), "office.view_dashboard"),
        ("office:category-list", _("Request categories"), "office.manage_categories"),
        ("office:reception-list", _("Reception days"), "office.manage_reception"),
        ("office:apikey-list", _("Open311 keys"), "office.manage_api_keys"),
    ]

    def ready(self):
        from . import moderated

        moderated.register()
