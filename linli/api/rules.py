import rules

from linli.community.predicates import is_self

rules.add_perm("api.manage_own_tokens", rules.is_authenticated)
rules.add_perm("api.revoke_token", is_self)
