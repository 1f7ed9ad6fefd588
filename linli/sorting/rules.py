"""What people may do with the sorting guide, drop-off points and checks."""

import rules

from linli.community.predicates import (
    is_committee_staff,
    is_property_manager,
    is_resident_of,
    is_street_staff,
    leads_building,
)

# The guide, drop-off points and times are public: anyone may look up which bin.
rules.add_perm("sorting.view_guide", rules.always_allow)
rules.add_perm("sorting.suggest_item", is_resident_of)
rules.add_perm("sorting.manage_guide", is_committee_staff)
rules.add_perm("sorting.manage_points", is_committee_staff)
# Checks: staff (and the property manager, who runs the bins) record them.
rules.add_perm("sorting.record_check", is_committee_staff | is_property_manager)
# The monthly scoreboard (红黑榜) is posted for the whole neighborhood.
rules.add_perm(
    "sorting.view_scoreboard",
    is_resident_of | is_committee_staff | is_property_manager | is_street_staff,
)
# A building's checks with notes and photos: staff, and that building's leader.
rules.add_perm(
    "sorting.view_building_checks",
    is_committee_staff | is_property_manager | is_street_staff | leads_building,
)
