"""What people may do with the talent pool. Contact details never reach residents."""

import rules

from linli.community.predicates import is_committee_staff, is_resident_of, is_verified

from .predicates import (
    allows_contact,
    is_active_profile,
    is_held,
    is_invitee,
    is_own_profile,
    is_shown_to_residents,
)

# Anyone signed in may open the talent pool's start page (it says what to do next).
rules.add_perm("talent.open_index", rules.is_authenticated)
# A verified resident declares (and withdraws) their own profile.
rules.add_perm("talent.declare", is_verified)
# A profile: its owner always; while consent holds, committee staff, and residents if the owner
# allowed it and moderation does not hold it.
rules.add_perm(
    "talent.view_profile",
    is_own_profile
    | (
        is_active_profile
        & (is_committee_staff | (is_shown_to_residents & is_resident_of & ~is_held))
    ),
)
# Phone number: committee staff only, and only if the talent allowed it.
rules.add_perm("talent.view_contact", is_active_profile & allows_contact & is_committee_staff)
# Lists (object: the neighborhood): residents see the directory of profiles shown to residents.
rules.add_perm("talent.browse", is_committee_staff | is_resident_of)
rules.add_perm("talent.search", is_committee_staff)
rules.add_perm("talent.match", is_committee_staff)
rules.add_perm("talent.manage_skills", is_committee_staff)
rules.add_perm("talent.invite", is_committee_staff)
rules.add_perm("talent.view_invitations", is_committee_staff)
rules.add_perm("talent.respond_invitation", is_invitee)
