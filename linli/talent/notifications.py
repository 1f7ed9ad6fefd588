from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import Channel, register


def _answer(params):
    from .models import Invitation

    if params.get("answer") in Invitation.Status.values:
        params["answer"] = Invitation.Status(params["answer"]).label
    return params


register(
    "talent.invited",
    _("I am invited to help"),
    _("%(by)s invites you to help with: %(target)s"),
    Channel.EMAIL,
)
register(
    "talent.invitation_answered",
    _("A talent answered my invitation"),
    _("%(person)s %(answer)s your invitation to %(target)s"),
    Channel.IN_APP,
    prepare=_answer,
)
register_labels(
    {
        "talent.skill_create": _("added a skill to the talent list"),
        "talent.skill_delete": _("removed a skill from the talent list"),
        "talent.invite": _("invited a talent"),
    }
)
