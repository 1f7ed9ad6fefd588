"""What every app's api.py shares: bounds for path and query parameters.

Bounds keep bad input a 422 with a message instead of a database error: an id larger than
the databases hold would otherwise crash the query; a slug that is not one is refused
before any lookup.

Helpers for the API's schemas.

django-ninja files each model and enum of the OpenAPI document under its class name alone,
and when two apps use the same name the last one wins for both (see
linli/api/tests/test_openapi.py, which refuses such a clash). Models take a name of their
own (`ReceptionSlotOut`, not `SlotOut`); a model's nested `TextChoices` (`Invitation.Status`,
`Case.Status`) cannot be renamed, so `choices()` documents it in place instead.

Input is refused when it breaks the document: `IsoDate` for dates, `Body` for bodies.
"""

import re
from datetime import date
from enum import Enum
from typing import Annotated

from django.utils.translation import gettext
from ninja import Schema
from pydantic import BeforeValidator, WithJsonSchema, model_validator


def choices(enum: type[Enum]):
    """An enum field documented in place (`{"type": "string", "enum": [...]}`), not by its class name."""
    return Annotated[
        enum, WithJsonSchema({"type": "string", "enum": [member.value for member in enum]})
    ]


def _iso_date(value):
    if isinstance(value, date) or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return value
    raise ValueError(gettext("Give a date as YYYY-MM-DD."))


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A date as the document says (`format: date`): pydantic alone also takes a number of seconds
# since 1970, so `?date=0` was a day in 1970 rather than bad input.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class Body(Schema):
    """A request body that must be a JSON object.

    ninja's Schema reads its fields as attributes of whatever it is given, so a body whose
    fields all have defaults took `[null, null]`, `5` or `"x"` as an object of defaults.
    """

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data):
        if not isinstance(getattr(data, "_obj", data), dict):
            raise ValueError(gettext("Send a JSON object."))
        return data


MAX_ID = 2**63 - 1  # the largest primary key the databases hold; a bigger number is a 422
SLUG = r"^[-a-zA-Z0-9_]+$"  # a neighborhood's (or any) slug in a path
