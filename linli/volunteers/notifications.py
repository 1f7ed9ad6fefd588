from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import Channel, register

register(
    "volunteers.shift_reminder",
    _("Reminder of my volunteer shift"),
    _("Reminder: your volunteer shift “%(title)s” starts %(when)s at %(place)s."),
    Channel.EMAIL,
)
register(
    "volunteers.shift_cancelled",
    _("A shift I signed up for was cancelled"),
    _("The volunteer shift “%(title)s” on %(when)s was cancelled. Thank you all the same!"),
)
register(
    "volunteers.hours_recorded",
    _("My volunteer hours were recorded"),
    _("Thank you! %(hours)s hours for “%(title)s” were added to your volunteer record."),
)

register_labels(
    {
        "volunteers.shift_cancel": _("cancelled a volunteer shift"),
        "volunteers.shift_confirm": _("confirmed a volunteer shift done"),
        "volunteers.signup_cancel": _("cancelled a volunteer's sign-up"),
        "volunteers.signup_swap": _("moved a volunteer to another shift"),
        "volunteers.signup_undo_confirm": _("took back a volunteer's hours"),
    }
)
register(
    "volunteers.shift_changed",
    _("A shift I signed up for changed its time or place"),
    _("The volunteer shift “%(title)s” has changed: it is now on %(when)s at %(place)s."),
    Channel.EMAIL,
)
register_labels({"volunteers.shift_edit": _("edited a volunteer shift")})
