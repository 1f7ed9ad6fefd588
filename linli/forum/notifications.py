from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import register

register(
    "forum.reply",
    _("Someone replied to my topic"),
    _("%(name)s replied to your topic “%(title)s”."),
)
register(
    "forum.quoted",
    _("Someone answered my reply"),
    _("%(name)s answered your reply in “%(title)s”."),
)
register("forum.mention", _("Someone mentioned me"), _("%(name)s mentioned you in “%(title)s”."))
register(
    "forum.best_answer",
    _("My reply was chosen as the best answer"),
    _("Your reply in “%(title)s” was chosen as the best answer."),
)
register(
    "forum.quick_outcome",
    _("A quick proposal I took a stance on was closed"),
    _("The quick proposal in “%(title)s” was closed: read the outcome."),
)
register_labels(
    {
        "forum.topic_pin": _("pinned or unpinned a topic"),
        "forum.topic_close": _("closed or reopened a topic"),
        "forum.topic_committee": _("marked a committee topic"),
        "forum.topic_move": _("moved a topic to other circles"),
        "forum.best_answer": _("chose a best answer"),
    }
)
