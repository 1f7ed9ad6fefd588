from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import register

register("moderation.approved", _("Staff reviewed a report about my post"), _("The committee reviewed the reports about your post “%(excerpt)s”: it stays visible."))
register("moderation.hidden", _("Staff hid my post"), _("The committee reviewed your post “%(excerpt)s” and hid it. Ask the committee if you disagree."))
register_labels({"moderation.approve": _("kept a reported post visible"), "moderation.hide": _("hid a reported post")})
