"""Deleting an account takes the person off every team through the app's action (audited)."""

from linli.audit.models import AuditEntry
from linli.community.actions import resident_delete
from linli.community.testing import PASSWORD
from linli.projects.models import TeamMember


def test_deleting_an_account_leaves_the_team_with_an_audit_entry(people, team_project):
    designer = people["neighbour"]
    assert TeamMember.objects.filter(project=team_project, person=designer).exists()
    resident_delete(person=designer, password=PASSWORD)
    assert not TeamMember.objects.filter(project=team_project, person=designer).exists()
    assert AuditEntry.objects.filter(action="projects.team_remove", actor=designer).exists()
