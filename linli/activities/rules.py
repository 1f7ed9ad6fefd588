"""What people may do with community activities."""

import rules

from linli.community.predicates import is_committee_staff, is_resident_of

from .predicates import is_own_registration

# Activities and their calendar are public (the neighborhood invites everyone to look).
rules.add_perm("activities.view_activity", rules.always_allow)
rules.add_perm("activities.register", is_resident_of)
rules.add_perm("activities.change_registration", is_own_registration | is_committee_staff)
rules.add_perm("activities.manage_activity", is_committee_staff)
# Who registered (names): staff only; residents see counts.
rules.add_perm("activities.view_registrations", is_committee_staff)
# Fixing a published activity (time, place, places…): staff; the registered are told.
rules.add_perm("activities.edit_activity", is_committee_staff)
