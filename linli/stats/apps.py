from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "linli.stats"
    label = "stats"
    verbose_name = _("Participation and levels")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = []
    # Staff pages of a neighborhood: (url name taking the slug, label, permission); see community/staff_nav.html.
    staff_nav = [("stats:levels-edit", _("Member levels"), "stats.configure_levels")]
