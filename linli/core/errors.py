from django.core.exceptions import ValidationError


def first_message(error: ValidationError) -> str:
    """The first human message of a ValidationError (for flash messages and API errors)."""
    messages = error.messages if hasattr(error, "messages") else [str(error)]
    return messages[0] if messages else str(error)
