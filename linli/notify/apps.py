from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "linli.notify"
    label = "notify"
    verbose_name = _("Notifications")

    def ready(self):
        # Each app registers its kinds of notification in <app>/notifications.py.
        from linli.core.registry import app_modules

        app_modules("notifications")
