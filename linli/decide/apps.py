from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecideConfig(AppConfig):
    name = "linli.decide"
    label = "decide"
    verbose_name = _("Decisions")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("decide:decision-index", _("Decisions"), "decide.browse")]
    nav_icon, nav_group = (
        "scale",
        "have_a_say",
    )  # a Heroicons name; a group of core/context_processors.py
