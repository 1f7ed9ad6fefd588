import rules

# "audit.view_log" (the neighborhood's log: its secretary) is declared in
# linli/community/rules.py: audit stands below community, which alone knows roles.
rules.add_perm("audit.view_own", rules.is_authenticated)
