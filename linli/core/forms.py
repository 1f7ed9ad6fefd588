"""One way for a view to run an action: a ValidationError becomes a message (on the form when
there is one, else a flash message) and the view carries on; success can be flashed too."""

from collections.abc import Callable
from typing import Any, NamedTuple

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from .errors import first_message


class Outcome(NamedTuple):
    ok: bool
    value: Any = None


def run_action(
    request: HttpRequest,
    fn: Callable[..., Any],
    /,
    *,
    form: forms.Form | None = None,
    success: str | None = None,
    **kwargs: Any,
) -> Outcome:
    """Call `fn(**kwargs)`. On ValidationError: add it to `form` (or flash its first message)
    and return Outcome(False); else flash `success` (when given) and return Outcome(True, result).
    Nothing is saved on a refusal: actions validate before they write, inside their transaction."""
    try:
        value = fn(**kwargs)
    except ValidationError as error:
        if form is not None:
            form.add_error(None, error)
        else:
            messages.error(request, first_message(error))
        return Outcome(False)
    if success:
        messages.success(request, success)
    return Outcome(True, value)
