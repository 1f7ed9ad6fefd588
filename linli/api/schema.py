"""Helpers for the API's schemas.

django-ninja files each model and enum of the OpenAPI document under its class name alone,
and when two apps use the same name the last one wins for both (see
linli/api/tests/test_openapi.py, which refuses such a clash). Models take a name of their
own (`ReceptionSlotOut`, not `SlotOut`); a model's nested `TextChoices` (`Invitation.Status`,
`Case.Status`) cannot be renamed, so `choices()` documents it in place instead.
"""

from enum import Enum
from typing import Annotated

from pydantic import WithJsonSchema


def choices(enum: type[Enum]):
    """An enum field documented in place (`{"type": "string", "enum": [...]}`), not by its class name."""
    return Annotated[
        enum, WithJsonSchema({"type": "string", "enum": [member.value for member in enum]})
    ]
