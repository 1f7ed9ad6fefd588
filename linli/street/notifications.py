from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import register


def _status_label(params):
    from .models import Escalation

    if params.get("status") in Escalation.Status.values:
        params["status"] = Escalation.Status(params["status"]).label
    return params


register(
    "street.escalated",
    _("A neighborhood escalated a request to my street (street staff)"),
    _("Request #%(number)s was escalated to the street."),
)
register(
    "street.escalation_changed",
    _("The street routed or answered a request we escalated (committee)"),
    _("Escalated request #%(number)s is now: %(status)s. %(note)s"),
    prepare=_status_label,
)

register_labels(
    {
        "street.escalation_create": _("escalated a request to the street"),
        "street.escalation_route": _("routed an escalated request to a department"),
        "street.escalation_answer": _("answered an escalated request"),
        "street.escalation_return": _("returned an escalated request to the neighborhood"),
        "street.department_save": _("changed a street department"),
    }
)
