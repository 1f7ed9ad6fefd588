"""What people may do in the joint office."""

import rules

from linli.community.predicates import (
    is_committee_staff,
    is_joint_office,
    is_resident_of,
    is_street_staff,
)

from .predicates import is_public_request, is_reporter, is_responsible_party, is_slot_holder

# Requests. Public ones are seen by all (never the reporter's name); private ones by the
# reporter and the joint office.
rules.add_perm(
    "office.view_request", is_public_request | is_reporter | is_joint_office | is_street_staff
)
rules.add_perm("office.view_reporter", is_reporter | is_joint_office)
rules.add_perm("office.submit_request", is_resident_of | is_joint_office)
rules.add_perm("office.follow_request", is_resident_of & is_public_request & ~is_reporter)
# The party responsible handles it; the residents' committee coordinates and may always act.
rules.add_perm("office.handle_request", is_responsible_party | is_committee_staff)
rules.add_perm("office.transfer_request", is_joint_office)
rules.add_perm("office.rate_request", is_reporter)
rules.add_perm("office.reopen_request", is_reporter)
rules.add_perm("office.view_dashboard", is_joint_office | is_street_staff)
rules.add_perm("office.manage_categories", is_committee_staff)
rules.add_perm("office.manage_api_keys", is_committee_staff)
# Reception days.
rules.add_perm("office.view_reception", rules.always_allow)
rules.add_perm("office.book_reception", is_resident_of)
rules.add_perm("office.cancel_reception_slot", is_slot_holder | is_committee_staff)
rules.add_perm("office.manage_reception", is_committee_staff)
rules.add_perm("office.keep_minutes", is_joint_office)
rules.add_perm("office.view_minutes", is_joint_office | is_street_staff)
rules.add_perm("office.view_reception_bookings", is_joint_office)
