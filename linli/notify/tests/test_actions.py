"""Notifications: each person's channel per kind, email by the worker, retries, no duplicates, digests."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings

from linli.notify import actions, kinds
from linli.notify.kinds import Channel
from linli.notify.models import Digest, EmailDelivery, Inbox, Notification
from linli.notify.selectors import unread_count


@pytest.fixture
def alice(people):
    person = people["resident"]
    person.email = "alice@example.org"
    person.save()
    return person


KIND = "community.verified"


def send(person, kind=KIND, **params):
    return actions.notify(
        recipients=[person],
        kind=kind,
        params=params or {"household": "A 7号楼"},
        url="/me/household/",
    )


@pytest.mark.parametrize("kind", sorted(kinds.KINDS))
@pytest.mark.parametrize("channel", sorted(Channel.VALUES))
def test_each_channel_for_each_kind(alice, kind, channel, django_capture_on_commit_callbacks):
    actions.preferences_set(person=alice, choices={kind: channel})
    with django_capture_on_commit_callbacks(execute=True):
        send(alice, kind, household="x", reason="y", role="secretary", neighborhood="n")
    in_app = Notification.objects.filter(recipient=alice, kind=kind)
    assert in_app.exists() is (channel != Channel.OFF)
    assert len(mail.outbox) == (1 if channel == Channel.EMAIL else 0)
    assert in_app.filter(digested=False).exists() is (channel == Channel.DIGEST)
    assert unread_count(alice) == (0 if channel == Channel.OFF else 1)


def test_default_channel_applies_without_a_preference(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(alice)  # community.verified defaults to email
    assert len(mail.outbox) == 1 and "A 7号楼" in mail.outbox[0].body


def test_email_is_written_in_the_recipients_language(alice, django_capture_on_commit_callbacks):
    alice.language = "en"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        send(alice)
    assert "verified" in mail.outbox[0].body


def test_actor_is_not_notified_of_their_own_action(alice):
    assert actions.notify(recipients=[alice], kind=KIND, actor=alice) == []


def test_a_task_that_runs_twice_sends_once(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(alice)
    delivery = EmailDelivery.objects.get()
    assert actions.deliveries_send([delivery.pk]) == {"sent": 0, "skipped": 1, "failed": 0}
    assert len(mail.outbox) == 1


class Flaky:
    failures = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if Flaky.failures > 0:
            Flaky.failures -= 1
            raise ConnectionRefusedError("smtp down")
        mail.outbox.extend(messages)
        return len(messages)

    def open(self):
        pass

    def close(self):
        pass


@override_settings(EMAIL_BACKEND="linli.notify.tests.test_actions.Flaky")
def test_a_failed_send_is_kept_and_retried(alice, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    Flaky.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        send(alice)
    delivery = EmailDelivery.objects.get()
    assert (
        delivery.status == "pending"
        and delivery.attempts == 1
        and "smtp down" in delivery.last_error
    )
    assert actions.deliveries_retry_due() == 0  # not due yet
    later = timezone.now() + timedelta(hours=1)
    assert actions.deliveries_retry_due(now=later) == 1  # second failure
    assert actions.deliveries_retry_due(now=later + timedelta(hours=1)) == 1  # third try works
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 3
    assert len(mail.outbox) == 1


@override_settings(EMAIL_BACKEND="linli.notify.tests.test_actions.Flaky")
def test_a_send_that_always_fails_stops_after_the_last_attempt(
    alice, django_capture_on_commit_callbacks
):
    Flaky.failures = 100
    with django_capture_on_commit_callbacks(execute=True):
        send(alice)
    delivery = EmailDelivery.objects.get()
    for _ in range(actions.MAX_ATTEMPTS):
        actions.deliveries_send([delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == actions.MAX_ATTEMPTS
    Flaky.failures = 0


def test_digest_collects_and_is_built_once_a_day(alice, people, django_capture_on_commit_callbacks):
    actions.preferences_set(
        person=alice, choices={KIND: Channel.DIGEST, "community.role_granted": Channel.DIGEST}
    )
    send(alice)
    send(alice, "community.role_granted", role="building_leader", neighborhood="滨江")
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.digests_build() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].body.count("•") == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.digests_build() == 0
    assert len(mail.outbox) == 1 and Digest.objects.count() == 1


def test_marking_read_keeps_the_counter_right(alice):
    for _ in range(3):
        send(alice)
    assert Inbox.objects.get(person=alice).unread_count == 3
    first = Notification.objects.filter(recipient=alice).first()
    actions.notifications_mark_read(person=alice, ids=[first.pk])
    assert unread_count(alice) == 2
    actions.notifications_mark_read(person=alice)
    assert unread_count(alice) == 0


def test_bad_preferences_change_nothing(alice):
    with pytest.raises(ValidationError):
        actions.preferences_set(person=alice, choices={KIND: "email", "no.such.kind": "email"})
    with pytest.raises(ValidationError):
        actions.preferences_set(person=alice, choices={KIND: "carrier-pigeon"})
    assert not alice.notification_preferences.exists()


def test_role_message_is_rendered_in_the_readers_language(alice):
    from django.utils import translation

    send(alice, "community.role_granted", role="building_leader", neighborhood="滨江居民区")
    n = Notification.objects.get(recipient=alice)
    with translation.override("en"):
        assert "building leader" in n.text


def test_notifications_carry_the_neighborhood_they_are_about_or_the_recipients(people, tree):
    from linli.notify.actions import notify

    given = notify(
        recipients=[people["resident"]],
        kind="forum.reply",
        params={},
        neighborhood=tree.neighborhood,
    )
    derived = notify(recipients=[people["neighbour"]], kind="forum.reply", params={})
    assert Notification.objects.get(pk=given[0].pk).neighborhood_id == tree.neighborhood.pk
    assert Notification.objects.get(pk=derived[0].pk).neighborhood_id == tree.neighborhood.pk
