"""A note in a request's history from outside the three parties (the street, when the
neighborhood escalates the request and when the street routes or answers it), told to the
reporter and the followers like every other change."""

from django.db import transaction
from django.utils import timezone

from ..models import Request, RequestEvent
from .requests import _tell


def request_note_add(*, request: Request, actor, note: str) -> RequestEvent:
    """Add `note` to the request's history and tell its reporter and followers. The caller
    has checked its own permission (street.escalate_request, street.handle_escalation)."""
    note = (note or "").strip()[:500]
    with transaction.atomic():
        event = RequestEvent.objects.create(
            request=request,
            actor=actor,
            kind=RequestEvent.Kind.NOTE,
            note=note,
            created_at=timezone.now(),
        )
        Request.objects.filter(pk=request.pk).update(updated_at=event.created_at)
        _tell(request, actor, note=note)
    return event
