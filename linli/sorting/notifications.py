from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import both, in_reader_language, register

from .models import Check, Item


def _decided(params):
    params["status"] = (
        str(Item.Status(params.get("status", "published")).label)
        if params.get("status") in Item.Status.values
        else params.get("status", "")
    )
    return params


def _checked(params):
    params["result"] = (
        str(Check.Result(params["result"]).label)
        if params.get("result") in Check.Result.values
        else params.get("result", "")
    )
    return params


register(
    "sorting.suggestion_decided",
    _("My suggestion for the sorting guide was decided"),
    _("Your suggested item “%(item)s”: %(status)s."),
    prepare=both(_decided, in_reader_language("item")),
)
register(
    "sorting.check_recorded",
    _("A sorting check of the building I lead"),
    _("Sorting check of building %(building)s on %(day)s: %(result)s."),
    prepare=_checked,
)

register_labels(
    {
        "sorting.item_save": _("edited an item of the sorting guide"),
        "sorting.item_delete": _("removed an item from the sorting guide"),
        "sorting.suggestion_decide": _("decided a suggested sorting item"),
        "sorting.point_save": _("changed a drop-off point"),
        "sorting.check_record": _("recorded a sorting check"),
        "sorting.check_delete": _("deleted a sorting check"),
    }
)
