"""Who reviews reports: committee staff of the report's neighborhood."""

import rules

from linli.community.predicates import is_committee_staff, is_verified

rules.add_perm("moderation.review", is_committee_staff)
rules.add_perm("moderation.report", is_verified)
