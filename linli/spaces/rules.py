"""What people may do with spaces and bookings."""

import rules

from linli.community.predicates import is_committee_staff, is_joint_office, is_resident_of

from .predicates import is_own_household_booking, is_requester

# Spaces, their hours, rules and the week's calendar (without who booked) are public.
rules.add_perm("spaces.view_space", rules.always_allow)
rules.add_perm("spaces.book_space", is_resident_of | is_joint_office)
rules.add_perm("spaces.manage_space", is_committee_staff)
rules.add_perm("spaces.approve_booking", is_committee_staff)
rules.add_perm(
    "spaces.cancel_booking", is_requester | is_own_household_booking | is_committee_staff
)
rules.add_perm(
    "spaces.view_booking_people", is_requester | is_own_household_booking | is_committee_staff
)
