"""What people may do in the joint office.

Personal data by need (the one rule every office output follows, through
selectors.reporter_view and selectors.visible_q):
- committee staff of the neighborhood see everything;
- the party a request is assigned to sees what it needs to act: the room, and the phone
  only when the reporter agreed to share it on that request;
- everyone else sees the building and nothing more;
- private requests are seen only by the reporter, the assigned party and committee staff.
"""

import rules

from linli.community.predicates import (
    is_committee_staff,
    is_joint_office,
    is_resident_of,
    is_street_staff,
)

from .predicates import (
    is_public_request,
    is_reporter,
    is_responsible_party,
    is_slot_holder,
    shares_phone,
)

# Requests. Public ones are seen by all (never with the reporter's details); private ones
# by the reporter, the party handling them and committee staff.
can_view_request = is_public_request | is_reporter | is_responsible_party | is_committee_staff
rules.add_perm("office.view_request", can_view_request)
rules.add_perm("office.see_reporter_name", is_reporter | is_committee_staff)
rules.add_perm("office.see_reporter_room", is_reporter | is_committee_staff | is_responsible_party)
rules.add_perm(
    "office.see_reporter_phone",
    is_reporter | is_committee_staff | (is_responsible_party & shares_phone),
)
rules.add_perm("office.submit_request", is_resident_of | is_joint_office)
rules.add_perm("office.follow_request", is_resident_of & is_public_request & ~is_reporter)
# The party responsible handles it; the residents' committee coordinates and may always act.
rules.add_perm("office.handle_request", is_responsible_party | is_committee_staff)
# Any of the three may hand on a request it can see (a private one: only the party holding it).
rules.add_perm("office.transfer_request", is_joint_office & can_view_request)
# Merge a duplicate into the request that stays (both must allow it): committee staff.
rules.add_perm("office.merge_request", is_committee_staff)
rules.add_perm("office.rate_request", is_reporter)
rules.add_perm("office.reopen_request", is_reporter)
rules.add_perm("office.view_dashboard", is_joint_office | is_street_staff)
# The list as CSV/Excel: rows and columns as the list page shows them to the same person.
rules.add_perm("office.export_requests", is_joint_office | is_street_staff)
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
# Who booked (real name and room) only to committee staff; the others of the joint office
# see the public name and building.
rules.add_perm("office.see_slot_person", is_committee_staff)
