from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "linli.activities"
    label = "activities"
    verbose_name = _("Activities")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("activities:index", _("Activities"), None)]
    nav_icon, nav_group = (
        "calendar-days",
        "neighbors",
    )  # a Heroicons name; a group of core/context_processors.py
    # Staff pages of a neighborhood: (url name taking the slug, label, permission); see community/staff_nav.html.
    staff_nav = [
        ("activities:activity-new", _("Publish an activity"), "activities.manage_activity")
    ]

    def ready(self):
        from . import moderated

        moderated.register()
