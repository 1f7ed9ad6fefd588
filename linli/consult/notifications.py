from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import Channel, local_datetimes, register

register(
    "consult.reminder",
    _("A consultation I have not answered is closing"),
    _("“%(title)s” closes on %(closes)s and we have not heard from you yet."),
    Channel.EMAIL,
    prepare=local_datetimes("closes"),
)
register(
    "consult.results_published",
    _("Results of a consultation were published"),
    _("The results of “%(title)s” are published."),
)
register_labels(
    {
        "consult.response_enter": _("entered a consultation answer taken on paper or by phone"),
        "consult.answer_moderate": _("moderated a consultation answer"),
    }
)
