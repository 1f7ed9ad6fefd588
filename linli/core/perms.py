from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(user, perm, obj=None, message=None):
    """Ask the rules; refuse with a translated message. Views call this before any action."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(message or _("You do not have permission to do this."))
