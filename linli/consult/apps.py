from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultConfig(AppConfig):
    name = "linli.consult"
    label = "consult"
    verbose_name = _("Consultations")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("consult:consultation-index", _("Consultations"), "consult.browse")]
    nav_icon, nav_group = (
        "megaphone",
        "have_a_say",
    )  # a Heroicons name; a group of core/context_processors.py

    def ready(self):
        from . import moderated

        moderated.register()
