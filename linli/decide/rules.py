"""What people may do with decisions. Actions check again (ballots are security-critical)."""

import rules

from linli.community.predicates import (
    has_any_staff_role,
    is_committee_staff,
    is_compound_owners_committee,
    is_joint_office,
    is_owners_committee,
    is_resident_of,
    is_street_staff,
    is_verified,
    leads_a_building_in,
    leads_building,
)

from .predicates import is_creator, is_draft, is_open_ballot

organisers = is_committee_staff | is_owners_committee
# A draft is seen and changed by the organiser who wrote it, nobody else.
not_someone_elses_draft = ~is_draft | is_creator

# The navigation link (no object): verified residents and anyone with a staff role.
rules.add_perm("decide.browse", is_verified | has_any_staff_role)
rules.add_perm(
    "decide.view_decision",
    (is_resident_of | is_joint_office | is_street_staff | leads_a_building_in)
    & not_someone_elses_draft,
)
rules.add_perm("decide.create_decision", organisers)
rules.add_perm("decide.manage_decision", organisers & not_someone_elses_draft)
# Change the motion, dates, electorate, link and options: organisers, until voting opens (the action checks the phase).
rules.add_perm("decide.edit_decision", organisers & not_someone_elses_draft)
rules.add_perm("decide.vote", is_resident_of & ~is_draft)
rules.add_perm("decide.comment", is_resident_of | is_joint_office)
# Who has voted (never how): organisers for all, building leaders for their building.
rules.add_perm("decide.view_participation", organisers | is_street_staff | leads_a_building_in)
rules.add_perm("decide.enter_paper_ballot", is_committee_staff | leads_building)
rules.add_perm("decide.record_proxy", organisers)
# Who sees the "paper ballot by address" form on the participation page (the action checks the household).
rules.add_perm("decide.enter_paper_ballots", is_committee_staff | leads_a_building_in)
# A paper or proxy ballot never replaces a household's ballot silently: only committee staff may,
# with a written reason (audited, the household told). Building leaders and owners' committee may not.
rules.add_perm("decide.replace_ballot", is_committee_staff)
# How a household voted: only when the decision is declared open, and only its organisers.
rules.add_perm("decide.see_choices", organisers & is_open_ballot)
rules.add_perm("decide.manage_ownership", organisers)
# A building leader's follow-up sheet (names and phones of who has not voted): the building is
# the object, so a leader sees only their own; committee staff every building.
rules.add_perm("decide.view_followup", is_committee_staff | leads_building)
# An owners' assembly of one compound (Decision.compound): committee staff, or the owners'
# committee of that compound (or of every compound) — never another compound's.
rules.add_perm("decide.organise_owners_assembly", is_committee_staff | is_compound_owners_committee)
