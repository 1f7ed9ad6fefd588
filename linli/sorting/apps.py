from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SortingConfig(AppConfig):
    name = "linli.sorting"
    label = "sorting"
    verbose_name = _("Waste sorting")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("sorting:index", _("Which bin?"), None)]
    nav_icon, nav_group = (
        "trash",
        "services",
    )  # a Heroicons name; a group of core/context_processors.py
    # Staff pages of a neighborhood: (url name taking the slug, label, permission); see community/staff_nav.html.
    staff_nav = [
        ("sorting:manage", _("Sorting guide"), "sorting.manage_guide"),
        ("sorting:check-new", _("Sorting checks"), "sorting.record_check"),
    ]
