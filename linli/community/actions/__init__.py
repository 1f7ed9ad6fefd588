"""Every write to the neighborhood, its households, people and roles.

Each function is one user action, runs in a transaction and checks what the database
cannot. Views, the API, commands and the demo loader all call these."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .common import _bump_counters
from .invitations import (
    CODE_ALPHABET,
    CODE_LENGTH,
    IssuedCode,
    _guess_limit,
    _new_code,
    format_code,
    invitation_check,
    invitation_generate,
    invitation_revoke,
)
from .owners import OwnerEntry, apply_owners, check_entries, unit_owners_set
from .privacy import counters_refresh, resident_delete, resident_export
from .residents import (
    display_name_release,
    profile_update,
    resident_email_set,
    resident_signup,
    resident_unverify,
    resident_verify,
    verification_request_create,
    verification_request_decide,
    verification_request_household,
)
from .roles import _refuse_own_role, role_grant, role_revoke

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "IssuedCode",
    "counters_refresh",
    "format_code",
    "invitation_check",
    "invitation_generate",
    "invitation_revoke",
    "OwnerEntry",
    "apply_owners",
    "check_entries",
    "display_name_release",
    "profile_update",
    "resident_delete",
    "resident_email_set",
    "resident_export",
    "resident_signup",
    "resident_unverify",
    "resident_verify",
    "role_grant",
    "role_revoke",
    "unit_owners_set",
    "verification_request_create",
    "verification_request_decide",
    "verification_request_household",
]
