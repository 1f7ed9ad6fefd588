from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "linli.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("meetings:index", _("Meetings"), None)]
    nav_icon, nav_group = "user-group", "have_a_say"  # a Heroicons name; a menu group
    # Staff pages of a neighborhood: (url name taking the slug, label, permission).
    staff_nav = [("meetings:meeting-new", _("Call a meeting"), "meetings.manage_meeting")]
