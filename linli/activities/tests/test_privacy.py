"""Deleting an account cancels its future registrations through the app's action."""

from linli.activities import actions
from linli.activities.models import Activity, Registration
from linli.community.actions import resident_delete
from linli.community.testing import PASSWORD
from linli.notify.models import Notification


def test_deleting_an_account_frees_its_place_for_the_first_on_the_waiting_list(
    people, make_activity
):
    activity = make_activity(capacity=1, waiting_list=True)
    actions.registration_create(activity=activity, person=people["resident"])
    waiting = actions.registration_create(activity=activity, person=people["neighbour"])
    later = actions.registration_create(activity=activity, person=people["far_resident"])
    assert waiting.status == later.status == Registration.Status.WAITING
    resident_delete(person=people["resident"], password=PASSWORD)
    waiting.refresh_from_db()
    activity = Activity.objects.get(pk=activity.pk)
    assert waiting.status == Registration.Status.CONFIRMED
    assert (activity.taken, activity.waiting) == (1, 1)
    assert Notification.objects.filter(
        recipient=people["neighbour"], kind="activities.promoted"
    ).exists()
