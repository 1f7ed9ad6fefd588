"""Writes for notifications: notify people, mark read, set preferences, queue and send email."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import kinds
from .kinds import Channel
from .models import (
    Digest,
    Dispatch,
    EmailChange,
    EmailDelivery,
    Inbox,
    Notification,
    Preference,
)

MAX_ATTEMPTS = 6


def _channels(person_ids, kind):
    chosen = dict(
        Preference.objects.filter(person_id__in=person_ids, kind=kind).values_list(
            "person_id", "channel"
        )
    )
    default = kinds.get(kind).default
    return {pid: chosen.get(pid, default) for pid in person_ids}


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


def _neighborhood_of(person_id):
    """The recipient's household's neighborhood, as a subquery inside the INSERT (no query of its
    own). Through the user model's household field: notify stands below community."""
    from django.contrib.auth import get_user_model

    return Subquery(
        get_user_model().objects.filter(pk=person_id).values("household__neighborhood_id")[:1]
    )


def notify(
    *, recipients, kind, params=None, url="", actor=None, neighborhood=None
) -> list[Notification]:
    """Tell people something happened, each by the channel they chose for this kind.

    `neighborhood` (object or id): the neighborhood the news is about, stored on each row so the
    table can be partitioned by it (docs/scaling.md); callers that know it should pass it.
    Call inside the action's transaction: emails are queued when it commits.
    """
    from django.contrib.auth import get_user_model

    neighborhood = getattr(neighborhood, "pk", neighborhood)
    ids = {getattr(r, "pk", r) for r in recipients} - {getattr(actor, "pk", None)}
    if not ids:
        return []
    channels = _channels(ids, kind)
    ids = [pid for pid in sorted(ids) if channels[pid] != Channel.OFF]
    rows = [
        Notification(
            recipient_id=pid,
            neighborhood_id=_neighborhood_of(pid) if neighborhood is None else neighborhood,
            kind=kind,
            params=params or {},
            url=url,
            digested=channels[pid] != Channel.DIGEST,
        )
        for pid in ids
    ]
    Notification.objects.bulk_create(rows)
    Inbox.objects.bulk_create([Inbox(person_id=pid) for pid in ids], ignore_conflicts=True)
    Inbox.objects.filter(person_id__in=ids).update(unread_count=F("unread_count") + 1)
    emailed = [pid for pid in ids if channels[pid] == Channel.EMAIL]
    if emailed:
        people = (
            get_user_model()
            .objects.filter(pk__in=emailed)
            .exclude(email="")
            .only("id", "email", "language")
        )
        by_id = {n.recipient_id: n for n in rows}
        deliveries = []
        for person in people:
            with translation.override(person.language):
                text = kinds.render(kind, params)
                deliveries.append(
                    EmailDelivery(
                        notification=by_id[person.pk],
                        to=person.email,
                        subject=_("[Linli] %(text)s") % {"text": text[:150]},
                        body=_email_body(text, url),
                    )
                )
        EmailDelivery.objects.bulk_create(deliveries)
        transaction.on_commit(lambda: _enqueue([d.pk for d in deliveries]))
    return rows


def absolute_url(url: str) -> str:
    """A link as an email must carry it: absolute, on LINLI_SITE_URL."""
    if not url or urlsplit(url).scheme:
        return url
    return settings.LINLI_SITE_URL + ("" if url.startswith("/") else "/") + url


def _footer():
    return [
        "",
        "--",
        _(
            "You can choose which notifications you receive, and how, under Profile → Notifications."
        ),
        absolute_url(reverse("notify:preferences")),
    ]


def _email_body(text, url):
    """Call with the recipient's language active."""
    lines = [text]
    if url:
        lines += ["", absolute_url(url)]
    return "\n".join(lines + _footer())


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


def _enqueue(delivery_ids):
    from .tasks import deliver_emails

    for start in range(0, len(delivery_ids), 200):
        deliver_emails.enqueue(delivery_ids[start : start + 200])


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


@transaction.atomic
def notifications_mark_read(*, person, ids=None) -> int:
    qs = Notification.objects.filter(recipient=person, read_at=None)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    changed = qs.update(read_at=timezone.now())
    if changed:
        unread = Notification.objects.filter(recipient=person, read_at=None).count()
        Inbox.objects.update_or_create(person=person, defaults={"unread_count": unread})
    return changed


@transaction.atomic
def preferences_set(*, person, choices: dict) -> None:
    """choices: kind → channel. Unknown kinds or channels are refused; nothing is saved then."""
    for kind, channel in choices.items():
        if kind not in kinds.KINDS:
            raise ValidationError(_("Unknown kind of notification: %(kind)s") % {"kind": kind})
        if channel not in Channel.VALUES:
            raise ValidationError(_("Choose off, in the app, email or daily digest."))
    for kind, channel in choices.items():
        Preference.objects.update_or_create(person=person, kind=kind, defaults={"channel": channel})


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
    from .models import ScheduledRun

    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job, period=period)
    except IntegrityError:
        return False
    return True


# --- the person's email address: ask, confirm through a signed link, remove -----------------

CONFIRM_SALT = "linli.notify.email-confirm"
CONFIRM_LIMIT = 5  # confirmation emails per person per hour


def email_confirm_token(*, person, address) -> str:
    return signing.dumps({"p": person.pk, "a": address}, salt=CONFIRM_SALT, compress=True)


@transaction.atomic
def email_change_request(*, person, address: str) -> EmailChange:
    """Ask to receive email at `address`. It receives nothing but the confirmation email until
    the link in it is opened; the address confirmed before (if any) keeps receiving meanwhile."""
    from django.contrib.auth.base_user import BaseUserManager
    from django.core.validators import validate_email

    from linli.core import ratelimit

    address = BaseUserManager.normalize_email((address or "").strip())
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError({"address": _("Enter a valid email address.")}) from None
    if address == person.email:
        raise ValidationError({"address": _("This is already your confirmed address.")})
    if ratelimit.exceeded("email-confirm", str(person.pk), limit=CONFIRM_LIMIT, window=3600):
        raise ValidationError(
            _("Too many confirmation emails in the last hour; please try again later.")
        )
    ratelimit.hit("email-confirm", str(person.pk), window=3600)
    change, _created = EmailChange.objects.update_or_create(
        person_id=person.pk, defaults={"address": address, "requested_at": timezone.now()}
    )
    link = absolute_url(
        reverse(
            "notify:email-confirm",
            args=[email_confirm_token(person=person, address=address)],
        )
    )
    with translation.override(person.language):
        delivery = EmailDelivery.objects.create(
            to=address,
            subject=_("[Linli] Confirm your email address"),
            body="\n".join(
                [
                    _("Open this link to receive Linli's emails at %(address)s:")
                    % {"address": address},
                    "",
                    link,
                    "",
                    ngettext(
                        "The link works for %(n)s day. If you did not ask for this, ignore this email.",
                        "The link works for %(n)s days. If you did not ask for this, ignore this email.",
                        settings.EMAIL_CONFIRM_DAYS,
                    )
                    % {"n": settings.EMAIL_CONFIRM_DAYS},
                ]
            ),
        )
    transaction.on_commit(lambda: _enqueue([delivery.pk]))
    return change


def email_token_read(token: str) -> dict:
    """{"p": person id, "a": address} from a confirmation link; refuses a forged or expired one."""
    try:
        return signing.loads(
            token, salt=CONFIRM_SALT, max_age=timedelta(days=settings.EMAIL_CONFIRM_DAYS)
        )
    except signing.SignatureExpired:
        raise ValidationError(
            _("This confirmation link has expired. Ask for a new one under Profile → Email.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This confirmation link is not valid.")) from None


def _no_email_writer(*, resident, email):
    raise RuntimeError("community registers the action that writes a person's address")


# The person's confirmed address lives on the person (community's table): community hands its
# own action to notify at start-up (CommunityConfig.ready), since notify stands below community.
_email_writer = _no_email_writer


def email_writer_register(writer) -> None:
    global _email_writer
    _email_writer = writer


@transaction.atomic
def email_change_confirm(*, token: str, actor=None):
    """Confirm the address in the link: from now on it receives the person's emails.

    The signed link is the proof (it works without signing in); signed in as someone else, it
    is refused. A link replaced by a newer request, or already used, no longer works."""
    from django.contrib.auth import get_user_model

    data = email_token_read(token)
    if actor is not None and actor.is_authenticated and actor.pk != data["p"]:
        raise PermissionDenied(_("This link confirms another account's address."))
    change = (
        EmailChange.objects.select_for_update()
        .filter(person_id=data["p"], address=data["a"])
        .first()
    )
    if change is None:
        raise ValidationError(
            _("This confirmation link was already used or replaced by a newer one.")
        )
    person = get_user_model().objects.get(pk=data["p"], is_active=True)
    change.delete()
    return _email_writer(resident=person, email=data["a"])


@transaction.atomic
def email_remove(*, person) -> None:
    """Stop all email: the confirmed address and any address waiting for confirmation go."""
    EmailChange.objects.filter(person_id=person.pk).delete()
    if person.email:
        _email_writer(resident=person, email="")
