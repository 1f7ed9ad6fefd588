from django.utils.translation import gettext_lazy as _

from linli.audit.actions import register_labels
from linli.notify.kinds import register

register(
    "moderation.approved",
    _("Staff reviewed a report about my post"),
    _("The committee reviewed your post “%(excerpt)s”: it is visible."),
)
register(
    "moderation.hidden",
    _("Staff hid my post"),
    _("The committee hid your post “%(excerpt)s”. Reason: %(note)s. You can appeal once."),
)
register(
    "moderation.deleted",
    _("Staff deleted my post"),
    _("The committee deleted your post “%(excerpt)s”. Reason: %(note)s. You can appeal once."),
)
register(
    "moderation.warned",
    _("Staff warned me about a post"),
    _("A warning from the committee about your post “%(excerpt)s”: %(note)s"),
)
register(
    "moderation.muted",
    _("Staff muted me"),
    _(
        "The committee hid your post “%(excerpt)s” and muted you for %(days)s days. Reason: %(note)s. You can appeal once."
    ),
)
register(
    "moderation.banned",
    _("Staff banned me from posting"),
    _(
        "The committee deleted your post “%(excerpt)s” and banned you from posting. Reason: %(note)s. You can appeal once."
    ),
)
register(
    "moderation.lifted",
    _("Staff lifted a mute or ban"),
    _("The committee lifted your mute or ban: you can post again."),
)
register(
    "moderation.held",
    _("My post awaits review"),
    _("Your post “%(excerpt)s” awaits review by the committee before others can see it."),
)
register_labels(
    {
        "moderation.approve": _("kept a reported post visible"),
        "moderation.hide": _("hid a reported post"),
        "moderation.delete": _("deleted a post"),
        "moderation.warn": _("warned an author"),
        "moderation.mute": _("muted an author"),
        "moderation.ban": _("banned an author"),
        "moderation.lift": _("lifted a mute or ban"),
        "moderation.word_add": _("added a word to a word list"),
        "moderation.word_remove": _("removed a word from a word list"),
    }
)
