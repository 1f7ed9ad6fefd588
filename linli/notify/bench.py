"""Issue figures for notifications: the notification list and the home page of a resident with
1,000 notifications (p95 ≤ 50 ms), and a daily digest for 5,000 residents built in under 60 s."""

import time


def _with_inbox(path):
    def resolve():
        _ensure_inbox()
        return path

    return resolve


PAGES = [
    dict(name="notify.list_1000", path=_with_inbox("/notifications/"), user="resident"),
    dict(name="notify.home_1000", path=_with_inbox("/"), user="resident"),
]


def _ensure_inbox(n=1000):
    from django.contrib.auth import get_user_model
    from django.db.models import F

    from .models import Inbox, Notification

    Resident = get_user_model()

    person = Resident.objects.get(username="resident")
    have = Notification.objects.filter(recipient=person).count()
    if have < n:
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient=person,
                    kind="community.role_granted",
                    params={"role": "building_leader", "neighborhood": f"#{i}"},
                    url="/me/",
                )
                for i in range(n - have)
            ],
            batch_size=1000,
        )
        Inbox.objects.get_or_create(person=person)
        Inbox.objects.filter(person=person).update(unread_count=F("unread_count") + (n - have))


def generate(scale, stdout=None):
    _ensure_inbox()


def report(stdout):
    """Build a digest for 5,000 residents with digest notifications, inside a transaction that is rolled back."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from . import actions
    from .models import Notification

    Resident = get_user_model()

    _ensure_inbox()
    people = list(
        Resident.objects.filter(household__isnull=False)
        .order_by("id")
        .values_list("id", flat=True)[:5000]
    )

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            Resident.objects.filter(id__in=people, email="").update(email="bench@example.org")
            Notification.objects.bulk_create(
                [
                    Notification(
                        recipient_id=pid,
                        kind="community.verified",
                        params={"household": "A 7号楼"},
                        digested=False,
                    )
                    for pid in people
                    for _ in range(3)
                ],
                batch_size=5000,
            )
            started = time.monotonic()
            built = actions.digests_build()
            seconds = time.monotonic() - started
            raise Rollback
    except Rollback:
        pass
    verdict = "meets" if seconds < 60 else "MISSES"
    stdout.write(
        f"Daily digest: {built:,} digests for {len(people):,} residents (3 notifications each) built in {seconds:.1f} s — {verdict} the 60 s target\n"
    )
