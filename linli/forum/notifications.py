from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import register

register("forum.reply", _("Someone replied to my topic"), _("%(name)s replied to your topic \u201c%(title)s\u201d."))
register("forum.quoted", _("Someone answered my reply"), _("%(name)s answered your reply in \u201c%(title)s\u201d."))
register("forum.mention", _("Someone mentioned me"), _("%(name)s mentioned you in \u201c%(title)s\u201d."))
register("forum.best_answer", _("My reply was chosen as the best answer"), _("Your reply in \u201c%(title)s\u201d was chosen as the best answer."))
register_labels({
    "forum.topic_pin": _("pinned or unpinned a topic"),
    "forum.topic_close": _("closed or reopened a topic"),
    "forum.topic_committee": _("marked a committee topic"),
    "forum.topic_move": _("moved a topic to other circles"),
    "forum.best_answer": _("chose a best answer"),
})
