"""The audit log is written by the actions that change someone else's data, in their transaction."""

from typing import Any

from .labels import ACTION_LABELS, register_labels  # noqa: F401  (apps register here)
from .models import AuditEntry


def audit_record(
    *,
    actor: Any,
    action: str,
    target: Any = None,
    target_label: str = "",
    subject: Any = None,
    neighborhood: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    always: bool = False,
) -> AuditEntry | None:
    """Record a staff action. Changes a person makes to their own data are not audited, unless
    `always` (a change of authority, such as a role, is recorded whoever it is about)."""
    if (
        not always
        and actor is not None
        and subject is not None
        and getattr(subject, "pk", subject) == actor.pk
    ):
        return None
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        neighborhood_id=getattr(neighborhood, "pk", neighborhood),
        subject_id=getattr(subject, "pk", subject),
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=(target_label or (str(target) if target is not None else ""))[:200],
        before=before,
        after=after,
    )
