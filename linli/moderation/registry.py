"""What moderation needs to know about a kind of object, registered by the app that owns it.

    moderation.registry.register(Topic, describe=…, set_hidden=…)

`describe(obj)` → Target(neighborhood_id, author_id, excerpt, url) snapshot for the queue;
`set_hidden(obj_id, hidden)` lets the owning app keep its own fast "hidden" column
(lists filter on it) in step with the case. Moderation never imports the apps it serves.
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


def register(model, *, describe, set_hidden):
    _HANDLERS[model._meta.label_lower] = Handler(describe, set_hidden)


def handler_for(model_or_obj) -> Handler | None:
    return _HANDLERS.get(model_or_obj._meta.label_lower)
