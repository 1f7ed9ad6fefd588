"""What people may do with micro-renewal projects. Projects, their timeline and designs are public (公示);
writing needs a role in the neighborhood or a place in the team."""

import rules

from linli.community.predicates import is_committee_staff, is_resident_of, is_street_staff

from .predicates import is_finished, is_team_member

rules.add_perm("projects.view_project", rules.always_allow)
rules.add_perm("projects.create_project", is_committee_staff)
rules.add_perm("projects.change_project", is_committee_staff)
rules.add_perm("projects.change_stage", is_committee_staff)
rules.add_perm("projects.upload_site_plan", is_committee_staff)
rules.add_perm("projects.edit_team", is_committee_staff | is_team_member)
rules.add_perm("projects.add_version", is_committee_staff | is_team_member)
rules.add_perm("projects.add_link", is_committee_staff | is_team_member)
rules.add_perm("projects.add_photo", is_committee_staff | is_team_member)
rules.add_perm("projects.comment", is_resident_of | is_committee_staff)
rules.add_perm("projects.rate", is_resident_of & is_finished)
rules.add_perm("projects.view_statistics", is_committee_staff | is_street_staff)
