"""Deleting an account cancels its future sign-ups through the app's action, with an audit entry."""

from linli.audit.models import AuditEntry
from linli.community.actions import resident_delete
from linli.community.testing import PASSWORD
from linli.volunteers import actions
from linli.volunteers.models import Shift, SignUp, Volunteer


def test_deleting_an_account_frees_its_places_and_tells_the_committee(people, make_shift):
    shift = make_shift(places=2)
    signup = actions.signup_create(shift=shift, person=people["resident"])
    actions.signup_create(shift=shift, person=people["neighbour"])
    actions.consent_set(person=people["resident"], show=True)
    resident_delete(person=people["resident"], password=PASSWORD)
    assert Shift.objects.get(pk=shift.pk).taken == 1
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED
    entry = AuditEntry.objects.get(action="volunteers.signup_cancel")
    assert entry.actor_id == people["resident"].pk
    assert Volunteer.objects.get(pk=people["resident"].pk).show_on_profile is False
