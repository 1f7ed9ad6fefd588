from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from linli.audit.actions import register_labels
from linli.notify.kinds import Channel, local_datetimes, register


def _outcome(params):
    from .actions import outcome_words

    params["outcome"] = outcome_words(params)
    return params


register(
    "decide.voting_reminder",
    _("A decision I have not voted on is closing"),
    _("Voting on “%(title)s” closes on %(closes)s and your household has not voted yet."),
    Channel.EMAIL,
    prepare=local_datetimes("closes"),
)
register(
    "decide.result_published",
    _("The result of a decision was published"),
    _("The result of “%(title)s” is published: %(outcome)s"),
    prepare=_outcome,
)


def _channels(params):
    from .models import Ballot

    said = {
        Ballot.Channel.ONLINE: pgettext("ballot cast", "online"),
        Ballot.Channel.PAPER: pgettext("ballot cast", "on paper"),
        Ballot.Channel.PROXY: pgettext("ballot cast", "by written proxy"),
    }
    for key in ("before", "channel"):
        params[key] = said.get(params.get(key), params.get(key, ""))
    params["reason"] = params.get("reason") or "—"
    return params


register(
    "decide.ballot_replaced",
    _("My household's ballot was replaced"),
    _(
        "Your household's ballot on “%(title)s”, cast %(before)s at %(when)s, was replaced by a ballot cast %(channel)s. Reason: %(reason)s"
    ),
    Channel.EMAIL,
    prepare=_channels,
)
register_labels(
    {
        "decide.ballot_replace": _("replaced a household's ballot"),
        "decide.ballot_paper": _("entered a paper ballot"),
        "decide.ballot_proxy": _("recorded a ballot by written proxy"),
        "decide.ownership_set": _("recorded who owns a unit"),
        "decide.decision_publish": _("published a decision's result"),
        "decide.rule_create": _("added a counting rule"),
    }
)
