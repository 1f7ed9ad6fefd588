from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels

register_labels({"meetings.minutes_publish": _("published the minutes of a meeting")})
