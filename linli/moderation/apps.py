from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "linli.moderation"
    label = "moderation"
    verbose_name = _("Moderation")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = []
    # Staff pages of a neighborhood (community/staff_nav.html).
    staff_nav = [
        ("moderation:case-queue", _("Reports"), "moderation.review"),
        ("moderation:word-list", _("Word lists"), "moderation.manage_words"),
    ]

    def ready(self):
        from . import display_names

        display_names.plug()
