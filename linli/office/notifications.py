from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import both, in_reader_language, register


def _status_label(params):
    from .models import Request

    if params.get("status") in Request.Status.values:
        params["status"] = Request.Status(params["status"]).label
    return params


register(
    "office.request_new",
    _("A request came to my party (staff)"),
    _("New request #%(number)s: %(category)s"),
    prepare=in_reader_language("category"),
)
register(
    "office.request_changed",
    _("A request I sent or follow changed"),
    _("Request #%(number)s (%(category)s) is now: %(status)s. %(note)s"),
    prepare=both(_status_label, in_reader_language("category")),
)
register(
    "office.request_rated",
    _("A resident rated a request (staff)"),
    _("Request #%(number)s was rated %(rating)s/5."),
)
register(
    "office.request_merged",
    _("A request I sent or follow was merged into another"),
    _("Request #%(number)s was merged into #%(survivor)s, which you now follow: %(note)s"),
)
register(
    "office.reception_cancelled",
    _("A reception day I booked was cancelled"),
    _("%(title)s on %(date)s is cancelled: %(note)s"),
)
register(
    "office.reception_moved",
    _("A reception day I booked was moved"),
    _("%(title)s is moved to %(time)s; your slot moved with it."),
)
register(
    "office.reception_slot_cancelled",
    _("Staff cancelled my reception slot"),
    _("Your reception-day slot at %(time)s was cancelled by staff."),
)

register_labels(
    {
        "office.request_transition": _("changed a request's status"),
        "office.request_transfer": _("transferred a request"),
        "office.category_save": _("changed a request category"),
        "office.request_merge": _("merged a duplicate request into another"),
        "office.apikey_create": _("created an Open311 key"),
        "office.apikey_revoke": _("revoked an Open311 key"),
        "office.reception_day_create": _("set up a reception day"),
        "office.occurrence_cancel": _("cancelled a reception day"),
        "office.occurrence_move": _("moved a reception day"),
        "office.slot_cancel": _("cancelled a resident's reception slot"),
    }
)
