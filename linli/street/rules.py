"""What people may do with the street office.

Street staff see their street's neighborhoods as figures (never residents' personal data),
handle what the neighborhoods escalate, and keep the departments. Committee staff of a
neighborhood escalate its requests and follow what the street does with them.
"""

import rules

from linli.community.predicates import is_committee_staff, is_street_staff

# The "Street" link in the main navigation (no object: street staff of any street).
rules.add_perm("street.open_street", is_street_staff)
# The overview, the comparison and a neighborhood's figures (object: a Street or a Neighborhood).
rules.add_perm("street.view_overview", is_street_staff)
# A neighborhood's escalations, and one escalation with its request.
rules.add_perm("street.view_escalations", is_committee_staff | is_street_staff)
rules.add_perm("street.view_escalation", is_committee_staff | is_street_staff)
# Object: the office request.
rules.add_perm("street.escalate_request", is_committee_staff)
# Route to a department, answer, return (object: the escalation).
rules.add_perm("street.handle_escalation", is_street_staff)
rules.add_perm("street.manage_departments", is_street_staff)
