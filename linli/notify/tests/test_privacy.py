"""Deleting an account removes what notify holds: notifications, addresses, unsent emails."""

from linli.community.actions import resident_delete
from linli.community.testing import PASSWORD
from linli.notify import actions, privacy
from linli.notify.models import Digest, EmailChange, EmailDelivery, Inbox, Notification


def test_deleting_an_account_drops_its_addresses_and_every_email_not_yet_sent(people):
    resident = people["resident"]
    resident.email = "zhang@example.org"
    resident.save()
    actions.preferences_set(person=resident, choices={"community.role_granted": "digest"})
    actions.notify(recipients=[resident], kind="community.verified", params={"household": "x"})
    actions.notify(
        recipients=[resident],
        kind="community.role_granted",
        params={"role": "x", "neighborhood": "n"},
    )
    actions.digests_build()
    actions.email_change_request(person=resident, address="new@example.org")
    assert EmailDelivery.objects.count() == 3  # the notification, the digest, the confirmation
    data = privacy.export(resident)
    assert data["email"] == "zhang@example.org"
    assert data["email_waiting_for_confirmation"] == "new@example.org"
    resident_delete(person=resident, password=PASSWORD)
    assert not EmailDelivery.objects.exists()
    assert not EmailChange.objects.exists() and not Digest.objects.exists()
    assert not Notification.objects.filter(recipient=resident).exists()
    assert not Inbox.objects.filter(person=resident).exists()
    resident.refresh_from_db()
    assert resident.email == ""
