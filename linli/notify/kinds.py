"""Kinds of notification. Each app registers its kinds at import time (in its notifications.py).

A notification stores its kind and parameters, not its text: the text is rendered in
the reader's language when it is shown or sent.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Channel:
    OFF = "off"
    IN_APP = "in_app"
    EMAIL = "email"
    DIGEST = "digest"
    CHOICES = [
        (OFF, _("off")),
        (IN_APP, _("in the app")),
        (EMAIL, _("in the app and by email")),
        (DIGEST, _("in the app and a daily email digest")),
    ]
    VALUES = {OFF, IN_APP, EMAIL, DIGEST}


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    message: Promise  # with %(name)s placeholders filled from the notification's params
    default: str = Channel.IN_APP
    prepare: object = None  # params → params, run at render time (to translate stored keys)


KINDS: dict[str, Kind] = {}


def register(key, label, message, default=Channel.IN_APP, prepare=None):
    KINDS[key] = Kind(key, label, message, default, prepare)
    return KINDS[key]


def get(key) -> Kind:
    return KINDS.get(key) or Kind(key, key, key)


def render(kind_key, params) -> str:
    kind = get(kind_key)
    try:
        params = kind.prepare(dict(params or {})) if kind.prepare else (params or {})
        return str(kind.message) % params
    except (KeyError, TypeError, ValueError):
        return str(kind.message)


def local_datetimes(*names):
    """A `prepare` that shows ISO datetimes stored in the params in the reader's language and
    time zone (texts stored already formatted, by older versions, are shown as they are)."""

    def prepare(params):
        from datetime import datetime

        from django.utils import formats, timezone

        for name in names:
            try:
                value = datetime.fromisoformat(params.get(name) or "")
            except (TypeError, ValueError):
                continue
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            params[name] = formats.date_format(value, "SHORT_DATETIME_FORMAT")
        return params

    return prepare


def in_reader_language(*names):
    """A `prepare` for names kept in two languages: the caller stores `name` (Chinese) and
    `name_en` (English, may be empty); an English reader sees the English one when there is one."""

    def prepare(params):
        from django.utils.translation import get_language

        english = (get_language() or "").startswith("en")
        for name in names:
            other = params.pop(f"{name}_en", "")
            if english and other:
                params[name] = other
        return params

    return prepare


def both(*prepares):
    """Several `prepare` steps, in order."""

    def prepare(params):
        for step in prepares:
            params = step(params)
        return params

    return prepare
