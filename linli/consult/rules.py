"""What people may do with consultations. Actions check again."""

import rules

from linli.community.predicates import (
    has_any_staff_role,
    is_committee_staff,
    is_joint_office,
    is_resident_of,
    is_street_staff,
    is_verified,
    leads_a_building_in,
    leads_building,
)

from .predicates import is_creator, is_draft, results_published

# A draft is seen (and changed) by the staff member who wrote it, nobody else.
not_someone_elses_draft = ~is_draft | is_creator

rules.add_perm("consult.browse", is_verified | has_any_staff_role)
rules.add_perm(
    "consult.view_consultation",
    (is_resident_of | is_joint_office | is_street_staff) & not_someone_elses_draft,
)
rules.add_perm("consult.create_consultation", is_committee_staff)
rules.add_perm("consult.manage_consultation", is_committee_staff & not_someone_elses_draft)
rules.add_perm("consult.answer", is_resident_of & ~is_draft)
# Change the title, introduction, audience, dates, questions and choices: staff, until answering opens.
rules.add_perm("consult.edit_consultation", is_committee_staff & not_someone_elses_draft)
rules.add_perm(
    "consult.view_participation", is_committee_staff | is_street_staff | leads_a_building_in
)
rules.add_perm("consult.enter_on_behalf", is_committee_staff | leads_building)
rules.add_perm(
    "consult.view_results",
    is_committee_staff | is_street_staff | ((is_resident_of | is_joint_office) & results_published),
)
rules.add_perm("consult.export_results", is_committee_staff)
# A building leader's follow-up sheet (names and phones of who has not answered): the building is
# the object, so a leader sees only their own; committee staff every building.
rules.add_perm("consult.view_followup", is_committee_staff | leads_building)
