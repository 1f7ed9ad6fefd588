"""What people may do with meetings."""

import rules

from linli.community.predicates import is_committee_staff, is_joint_office, is_resident_of

# Meetings, their agenda and their published minutes are public; attendance shows a count.
rules.add_perm("meetings.view_meeting", rules.always_allow)
rules.add_perm("meetings.manage_meeting", is_committee_staff)
# Who attended (names, paper sheet): committee staff only.
rules.add_perm("meetings.view_attendance", is_committee_staff)
# Signing oneself in at a meeting under way: residents and the joint office's three parties.
rules.add_perm("meetings.sign_in", is_resident_of | is_joint_office)
