"""Delivery: the outbox of emails, sent and retried; digests; idempotent mass sends; scheduled runs."""

from datetime import timedelta

from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from linli.notify import kinds
from linli.notify.models import (
    Digest,
    Dispatch,
    EmailDelivery,
    Notification,
)

from .common import _enqueue, _footer, absolute_url

MAX_ATTEMPTS = 6


def dispatch_claim(*, person_ids, key: str) -> list[int]:
    """Claim the right to send the message `key` to each person; returns those claimed now.

    One INSERT … ON CONFLICT DO NOTHING RETURNING under the unique (person, key): a person
    already claimed, by this process or another committed or still running transaction,
    is left out (PostgreSQL makes the second inserter wait for the first to commit). Call it
    inside the action's transaction, so a failed action claims nothing.
    """
    ids = sorted({getattr(p, "pk", p) for p in person_ids})
    q = connection.ops.quote_name
    table = q(Dispatch._meta.db_table)
    now = timezone.now()
    claimed = []
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            values = ", ".join(["(%s, %s, %s)"] * len(chunk))
            params = [v for pid in chunk for v in (pid, key, now)]
            cursor.execute(
                f"INSERT INTO {table} ({q('person_id')}, {q('key')}, {q('created_at')}) "
                f"VALUES {values} ON CONFLICT ({q('person_id')}, {q('key')}) DO NOTHING "
                f"RETURNING {q('person_id')}",
                params,
            )
            claimed += [row[0] for row in cursor.fetchall()]
    return sorted(claimed)


def _digest_email(notifications):
    """Subject and body of one digest, in the recipient's language (call it with that active)."""
    n = len(notifications)
    subject = ngettext("[Linli] %(n)s new notification", "[Linli] %(n)s new notifications", n) % {
        "n": n
    }
    lines = [
        ngettext("You have %(n)s new notification:", "You have %(n)s new notifications:", n)
        % {"n": n},
        "",
    ]
    for note in notifications[:50]:
        lines.append(f"• {kinds.render(note.kind, note.params)}")
        if note.url:
            lines.append(f"  {absolute_url(note.url)}")
    if n > 50:
        lines += ["", absolute_url(reverse("notify:notification-list"))]
    return subject, "\n".join(lines + _footer())


def deliveries_send(delivery_ids) -> dict:
    """Send queued emails. Each row is locked while it is sent: a task that runs twice sends once."""
    counts = {"sent": 0, "skipped": 0, "failed": 0}
    connection = get_connection()
    for pk in delivery_ids:
        with transaction.atomic():
            delivery = EmailDelivery.objects.select_for_update().filter(pk=pk).first()
            if delivery is None or delivery.status != EmailDelivery.Status.PENDING:
                counts["skipped"] += 1
                continue
            try:
                send_mail(
                    delivery.subject, delivery.body, None, [delivery.to], connection=connection
                )
            except Exception as error:  # any transport failure: keep the row and retry later
                delivery.attempts += 1
                delivery.last_error = f"{type(error).__name__}: {error}"[:300]
                if delivery.attempts >= MAX_ATTEMPTS:
                    delivery.status = EmailDelivery.Status.FAILED
                else:
                    delivery.next_attempt_at = timezone.now() + timedelta(
                        minutes=2**delivery.attempts
                    )
                delivery.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
                counts["failed"] += 1
            else:
                delivery.status = EmailDelivery.Status.SENT
                delivery.sent_at = timezone.now()
                delivery.attempts += 1
                delivery.save(update_fields=["status", "sent_at", "attempts"])
                counts["sent"] += 1
    return counts


def deliveries_retry_due(now=None) -> int:
    """Queue again every pending email whose retry time has come, or that waited too long for its first try."""
    now = now or timezone.now()
    from django.db.models import Q

    due = list(
        EmailDelivery.objects.filter(status=EmailDelivery.Status.PENDING)
        .filter(
            Q(next_attempt_at__lte=now)
            | Q(next_attempt_at=None, created_at__lte=now - timedelta(minutes=5))
        )
        .values_list("pk", flat=True)[:5000]
    )
    if due:
        _enqueue(due)
    return len(due)


def digests_build(day=None) -> int:
    """One digest email per person with undigested notifications; building twice a day sends once."""
    from django.contrib.auth import get_user_model

    day = day or timezone.localdate()
    pending = {}
    for n in (
        Notification.objects.filter(digested=False)
        .order_by("recipient_id", "-created_at")
        .only("id", "recipient_id", "kind", "params", "url")
    ):
        pending.setdefault(n.recipient_id, []).append(n)
    if not pending:
        return 0
    done = set(
        Digest.objects.filter(day=day, person_id__in=pending).values_list("person_id", flat=True)
    )
    people = {
        p.pk: p
        for p in get_user_model()
        .objects.filter(pk__in=set(pending) - done)
        .only("id", "email", "language")
    }
    built = []
    with transaction.atomic():
        # Two schedulers building at once: each person's digest of the day is claimed by one.
        claimed = dispatch_claim(person_ids=people, key=f"notify.digest:{day.isoformat()}")
        people = {pid: people[pid] for pid in claimed}
        digests = Digest.objects.bulk_create(
            [Digest(person_id=pid, day=day, count=len(pending[pid])) for pid in people]
        )
        deliveries = []
        for digest in digests:
            person = people[digest.person_id]
            if not person.email:
                continue
            with translation.override(person.language):
                subject, body = _digest_email(pending[person.pk])
            deliveries.append(
                EmailDelivery(digest=digest, to=person.email, subject=subject, body=body)
            )
        EmailDelivery.objects.bulk_create(deliveries, batch_size=1000)
        ids = [n.pk for pid in people for n in pending[pid]]
        for start in range(0, len(ids), 5000):
            Notification.objects.filter(pk__in=ids[start : start + 5000]).update(digested=True)
        built = [d.pk for d in deliveries]
        transaction.on_commit(lambda: _enqueue(built))
    return len(digests)


def scheduled_run_claim(*, job: str, period: str) -> bool:
    """Claim `job` for `period` (e.g. a date); True for exactly one caller across all nodes.

    The unique (job, period) row is the lease: a second scheduler's insert fails and it skips
    the job. Runs in its own transaction so that a failed insert leaves nothing behind."""
    from linli.notify.models import ScheduledRun

    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job, period=period)
    except IntegrityError:
        return False
    return True
