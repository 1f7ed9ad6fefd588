"""What people may do with the neighborhood, its households and its people."""

import rules

from .predicates import (
    grants_street_roles,
    holds_the_role,
    is_committee_staff,
    is_compound_owners_committee,
    is_compound_property_manager,
    is_own_household,
    is_owners_committee,
    is_property_manager,
    is_resident_of,
    is_secretary,
    is_self,
    is_street_staff,
    is_street_staff_anywhere,
    is_verified,
    leads_a_building_in,
    leads_building,
    may_assign_role,
    opens_staff_pages,
)

# The neighborhood tree (names, compounds, buildings, counts) is public.
rules.add_perm("community.view_neighborhood", rules.always_allow)
# Staff pages: committee staff of the neighborhood, or street staff of its street.
rules.add_perm("community.manage_neighborhood", is_committee_staff | is_street_staff)
rules.add_perm("community.view_statistics", is_committee_staff | is_street_staff)
# Households and residents with their personal data (real name, phone, room).
rules.add_perm("community.list_households", is_committee_staff)
rules.add_perm("community.list_building_households", is_committee_staff | leads_building)
rules.add_perm("community.view_household", is_own_household | is_committee_staff | leads_building)
rules.add_perm(
    "community.view_personal_data", is_self | is_own_household | is_committee_staff | leads_building
)
rules.add_perm("community.import_households", is_committee_staff)
# Invitation letters: committee staff for any building, a building leader for their own
# (the letters tell residents to ask their leader). The page opens for a leader of any building.
rules.add_perm("community.manage_invitations", is_committee_staff | leads_building)
rules.add_perm("community.open_invitations", is_committee_staff | leads_a_building_in)
# The staff index (/staff/, the header's "Staff" link): committee staff somewhere, or street staff.
rules.add_perm("community.open_staff_index", opens_staff_pages)
rules.add_perm("community.verify_residents", is_committee_staff | leads_building)
rules.add_perm("community.view_verifications", is_committee_staff | leads_a_building_in)
# Roles: the page is the secretary's; a role (granted or to be granted) only below one's own
# rank (predicates.ROLE_RANK), never one's own. role_grant / role_revoke ask again.
rules.add_perm("community.manage_roles", is_secretary)
rules.add_perm("community.grant_role", may_assign_role & ~holds_the_role)
rules.add_perm("community.revoke_role", may_assign_role & ~holds_the_role)
# A street's roles page: the head of the street office grants and removes street staff there
# (the head is appointed by an administrator).
rules.add_perm("community.manage_street_roles", grants_street_roles)
# The neighborhood's audit log (linli.audit, which stands below community and knows no
# roles) is read by the secretary.
rules.add_perm("audit.view_log", is_secretary)
# A signed-up but unverified person may ask to be verified; verified residents need not.
# Street staff work for the street, not in a household: they are never asked to apply.
rules.add_perm(
    "community.request_verification",
    rules.is_authenticated & ~is_verified & ~is_street_staff_anywhere,
)
rules.add_perm(
    "community.read_residents_only", is_resident_of | is_committee_staff | is_street_staff
)
rules.add_perm("community.export_own_data", rules.is_authenticated)
rules.add_perm("community.delete_own_account", rules.is_authenticated)
# The owner register of a compound (业主名册: owners' names, phones, units): committee staff, and
# the owners' committee and property manager of that compound (not of another one). The
# register is changed and imported by committee staff and that compound's owners' committee.
rules.add_perm(
    "community.view_owners",
    is_committee_staff | is_compound_owners_committee | is_compound_property_manager,
)
rules.add_perm("community.manage_owners", is_committee_staff | is_compound_owners_committee)
# The register's page opens (for the neighborhood) to whoever may see one compound's register.
rules.add_perm(
    "community.open_owners", is_committee_staff | is_owners_committee | is_property_manager
)
