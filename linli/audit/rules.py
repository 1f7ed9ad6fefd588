import rules

from linli.community.predicates import is_secretary

rules.add_perm("audit.view_log", is_secretary)
rules.add_perm("audit.view_own", rules.is_authenticated)
