import rules

from linli.core.perms import is_this_person

rules.add_perm("api.manage_own_tokens", rules.is_authenticated)
rules.add_perm("api.revoke_token", is_this_person)
