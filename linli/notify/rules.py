import rules

from linli.core.perms import is_this_person

# Notifications are private to their recipient.
rules.add_perm("notify.view_own", rules.is_authenticated)
rules.add_perm("notify.open_notification", is_this_person)
rules.add_perm("notify.change_own_email", rules.is_authenticated & rules.is_active)
