"""The community's kinds of notification: verification and roles (see linli/notify/kinds.py)."""

from django.utils.translation import gettext_lazy as _

from linli.notify.kinds import Channel, both, in_reader_language, register

from .models import Role


def _household(params):
    """The household's compound and building label in the reader's language (older rows kept
    the label already written out, in "household")."""
    from django.utils.translation import pgettext

    if "building" in params and "household" not in params:
        label = pgettext("building label", "Building %(number)s") % {"number": params["building"]}
        params["household"] = f"{params.get('compound', '')} {label}".strip()
    return params


register(
    "community.verified",
    _("My account was verified"),
    _("Your account was verified: you now belong to %(household)s."),
    Channel.EMAIL,
    prepare=both(in_reader_language("compound"), _household),
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
    prepare=both(_role_label, in_reader_language("neighborhood")),
)
