from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "linli.forum"
    label = "forum"
    verbose_name = _("Topics and circles")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("forum:index", _("Forum"), None)]
    nav_icon, nav_group = (
        "chat-bubble-left-right",
        "neighbors",
    )  # a Heroicons name; a group of core/context_processors.py

    def ready(self):
        from . import moderated

        moderated.register()
