import rules

from linli.community.predicates import is_self

# Notifications are private to their recipient.
rules.add_perm("notify.view_own", rules.is_authenticated)
rules.add_perm("notify.open_notification", is_self)
rules.add_perm("notify.change_own_email", rules.is_authenticated & rules.is_active)
