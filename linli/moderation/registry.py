"""What moderation needs to know about a kind of object, registered by the app that owns it.

    moderation.registry.register(Topic, describe=…, set_hidden=…)

`describe(obj)` → Target(neighborhood_id, author_id, excerpt, url) snapshot for the queue;
`set_hidden(obj_id, hidden)` lets the owning app keep its own fast "hidden" column
(lists filter on it) in step with the case. Apps without such a column leave it out and filter
their lists with `moderation.selectors.without_held(queryset, viewer, author_field=…)`, which
reads the hidden cases (one subquery). Moderation never imports the apps it serves.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    neighborhood_id: int
    author_id: int | None
    excerpt: str
    url: str


@dataclass(frozen=True)
class Handler:
    describe: object
    set_hidden: object


_HANDLERS: dict[str, Handler] = {}


def _no_column(_pk, _hidden):
    """For models without a hidden column of their own: the case alone says whether it is hidden."""


def register(model, *, describe, set_hidden=None):
    _HANDLERS[model._meta.label_lower] = Handler(describe, set_hidden or _no_column)


def handler_for(model_or_obj) -> Handler | None:
    return _HANDLERS.get(model_or_obj._meta.label_lower)
