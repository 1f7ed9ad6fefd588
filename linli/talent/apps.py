from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "linli.talent"
    label = "talent"
    verbose_name = _("Talent pool")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("talent:index", _("Talent pool"), "talent.open_index")]
