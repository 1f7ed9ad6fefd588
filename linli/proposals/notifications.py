from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import Channel, register

register(
    "proposals.on_agenda",
    _("A proposal reached the committee's agenda"),
    _("“%(title)s” passed its threshold: the committee answers it by %(due)s."),
    Channel.EMAIL,
)
register(
    "proposals.answered",
    _("A proposal I made or supported was answered"),
    _("The committee answered “%(title)s”."),
    Channel.EMAIL,
)

register_labels(
    {
        "proposals.rule_set": _("changed the proposal threshold"),
        "proposals.proposal_answer": _("answered a proposal"),
    }
)
