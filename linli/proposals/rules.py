"""What people may do with residents' proposals."""

import rules

from linli.community.predicates import is_committee_staff, is_resident_of

# Proposals, their support counts, status and answer are public.
rules.add_perm("proposals.view_proposal", rules.always_allow)
rules.add_perm("proposals.create_proposal", is_resident_of)
rules.add_perm("proposals.support_proposal", is_resident_of)
rules.add_perm("proposals.answer_proposal", is_committee_staff)
rules.add_perm("proposals.set_rule", is_committee_staff)
# Which households support a proposal: committee staff only (the public sees counts).
rules.add_perm("proposals.view_supporters", is_committee_staff)
