from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import Channel, register


def _stage(params):
    from .models import Stage

    if params.get("stage") in Stage.values:
        params["stage"] = Stage(params["stage"]).label
    return params


register(
    "projects.stage_changed",
    _("A project I work on moved to another stage"),
    _("%(project)s is now at the stage: %(stage)s"),
    Channel.IN_APP,
    prepare=_stage,
)
register(
    "projects.team_added",
    _("I was added to a project team"),
    _("You are now in the team of %(project)s as %(role)s"),
    Channel.EMAIL,
)
register(
    "projects.version_added",
    _("A new design version of a project I follow"),
    _("%(project)s has a new design: version %(number)s"),
    Channel.IN_APP,
)
register_labels(
    {
        "projects.update": _("edited a project"),
        "projects.team_add": _("added someone to a project team"),
        "projects.team_remove": _("removed someone from a project team"),
    }
)
