from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(
    user: PermissionsMixin | AnonymousUser,
    perm: str,
    obj: Any = None,
    message: str | None = None,
) -> None:
    """Ask the rules; refuse with a translated message. Views call this before any action."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(message or _("You do not have permission to do this."))


@rules.predicate
def is_this_person(user: Any, person: Any) -> bool:
    """The object is the signed-in person themselves (their token, their notification's
    recipient). Who someone is in the neighborhood is `linli.community.predicates`'s to say."""
    return bool(
        getattr(user, "is_authenticated", False) and person is not None and person.pk == user.pk
    )
