"""The names of audited actions, in the reader's language: community's here, the other apps'
registered at import (see register_labels). The log's model reads them to show an entry."""

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "community.resident_verify": _("verified a resident"),
    "community.resident_unverify": _("removed a resident from a household"),
    "community.verification_reject": _("declined a verification request"),
    "community.household_import": _("imported households"),
    "community.role_grant": _("granted a role"),
    "community.role_revoke": _("removed a role"),
    "community.invitation_generate": _("printed invitation letters"),
    "community.invitation_revoke": _("withdrew an invitation code"),
}


def register_labels(labels: dict[str, Any]) -> None:
    """Apps name their audited actions (call at import, e.g. in <app>/notifications.py)."""
    ACTION_LABELS.update(labels)
