from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import in_reader_language, register

register(
    "spaces.booking_requested",
    _("Someone asked to book a space (staff)"),
    _("New booking request for %(space)s on %(time)s: %(purpose)s"),
    prepare=in_reader_language("space"),
)
register(
    "spaces.booking_approved",
    _("My booking was approved"),
    _("Your booking of %(space)s on %(time)s is approved."),
    prepare=in_reader_language("space"),
)
register(
    "spaces.booking_rejected",
    _("My booking was declined"),
    _("Your booking of %(space)s on %(time)s was declined: %(reason)s"),
    prepare=in_reader_language("space"),
)
register(
    "spaces.booking_cancelled",
    _("A booking was cancelled"),
    _("The booking of %(space)s on %(time)s (%(purpose)s) was cancelled. %(reason)s"),
    prepare=in_reader_language("space"),
)

register_labels(
    {
        "spaces.booking_approve": _("approved a booking"),
        "spaces.booking_reject": _("declined a booking"),
        "spaces.booking_cancel": _("cancelled someone's booking"),
        "spaces.space_create": _("added a space"),
        "spaces.space_update": _("changed a space"),
    }
)
