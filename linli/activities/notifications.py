from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import Channel, register

register(
    "activities.promoted",
    _("I moved up from a waiting list"),
    _("A place freed up: you are now registered for “%(title)s” on %(when)s."),
    Channel.EMAIL,
)
register(
    "activities.cancelled",
    _("An activity I registered for was cancelled"),
    _("“%(title)s” on %(when)s was cancelled. %(reason)s"),
    Channel.EMAIL,
)

register_labels(
    {
        "activities.activity_cancel": _("cancelled an activity"),
        "activities.registration_cancel": _("cancelled someone's registration"),
    }
)
register(
    "activities.changed",
    _("An activity I registered for changed its time or place"),
    _("“%(title)s” has changed: it is now on %(when)s at %(place)s."),
    Channel.EMAIL,
)
register_labels({"activities.activity_edit": _("edited an activity")})
