"""Who reviews reports and held posts, keeps the word lists and tries the scorer: committee staff. Authors appeal."""

import rules

from linli.community.predicates import is_committee_staff, is_verified

from .predicates import is_case_author, is_decided_unappealed, is_staff_somewhere

rules.add_perm("moderation.review", is_committee_staff)
rules.add_perm("moderation.report", is_verified)
rules.add_perm("moderation.manage_words", is_committee_staff)
rules.add_perm("moderation.score", is_staff_somewhere)
rules.add_perm("moderation.appeal", is_case_author & is_decided_unappealed)
