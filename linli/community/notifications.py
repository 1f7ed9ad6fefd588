"""The community's kinds of notification: verification and roles (see linli/notify/kinds.py)."""

from django.utils.translation import gettext_lazy as _

from linli.notify.kinds import Channel, register

from .models import Role

register(
    "community.verified",
    _("My account was verified"),
    _("Your account was verified: you now belong to %(household)s."),
    Channel.EMAIL,
)
register(
    "community.verification_rejected",
    _("My verification request was declined"),
    _("Your verification request was declined: %(reason)s"),
    Channel.EMAIL,
)


def _role_label(params):
    if params.get("role") in Role.Kind.values:
        params["role"] = Role.Kind(params["role"]).label
    return params


register(
    "community.role_granted",
    _("I was given a role"),
    _("You are now %(role)s in %(neighborhood)s."),
    prepare=_role_label,
)
