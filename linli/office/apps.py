from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    name = "linli.office"
    label = "office"
    verbose_name = _("Joint office")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("office:request-index", _("Requests"), None)]
