from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StreetConfig(AppConfig):
    name = "linli.street"
    label = "street"
    verbose_name = _("Street office")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("street:index", _("Street"), "street.open_street")]
    nav_icon, nav_group = "building-office-2", "services"  # a Heroicons name; a menu group
    # Staff pages of a neighborhood: (url name taking the slug, label, permission).
    staff_nav = [
        ("street:escalation-mine", _("Escalated to the street"), "street.view_escalations")
    ]
