"""What a staff member is told after pressing "remind everyone not yet heard" (consult, decide)."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def reminded(request, count: int) -> None:
    """`count` people were reminded now; 0 means everyone was reminded already today (reminders
    go once per person, cause and day: notify.actions.dispatch_claim)."""
    if count:
        messages.success(
            request,
            ngettext(
                "A reminder went to %(n)s resident not yet heard.",
                "A reminder went to %(n)s residents not yet heard.",
                count,
            )
            % {"n": count},
        )
    else:
        messages.info(request, _("Everyone not yet heard has already been reminded today."))
