from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "linli.spaces"
    label = "spaces"
    verbose_name = _("Spaces")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("spaces:space-index", _("Spaces"), None)]
