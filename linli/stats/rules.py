import rules

from linli.community.predicates import is_committee_staff

rules.add_perm("stats.configure_levels", is_committee_staff)
