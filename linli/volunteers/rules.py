"""What people may do with volunteer shifts."""

import rules

from linli.community.predicates import (
    is_committee_staff,
    is_resident_of,
    is_self,
    is_street_staff,
    is_verified,
    opens_staff_pages,
)

from .predicates import is_own_signup, shows_hours

rules.add_perm("volunteers.view_shifts", is_resident_of | is_committee_staff | is_street_staff)
rules.add_perm("volunteers.sign_up", is_resident_of)
rules.add_perm("volunteers.manage_shifts", is_committee_staff)
# A sign-up: its person cancels or swaps it; staff too (with an audit entry).
rules.add_perm("volunteers.change_signup", is_own_signup | is_committee_staff)
# Someone's volunteer hours: themselves, staff of their neighborhood, or anyone if they agreed.
rules.add_perm("volunteers.view_hours", is_self | is_committee_staff | shows_hours)
# The navigation link: whom volunteers:index leads to shifts they may see (view_shifts): verified
# residents, committee staff, street staff; not the owners' committee or property manager as such.
rules.add_perm("volunteers.sign_up_anywhere", is_verified | opens_staff_pages)
# Fixing an open shift (time, place, places…): staff; the volunteers signed up are told.
rules.add_perm("volunteers.edit_shift", is_committee_staff)
