"""Notifications: notify, mark read, preferences."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linli.notify import kinds
from linli.notify.kinds import Channel
from linli.notify.models import (
    EmailDelivery,
    Inbox,
    Notification,
    Preference,
)

from .common import _enqueue, _footer, absolute_url


def _channels(person_ids, kind):
    chosen = dict(
        Preference.objects.filter(person_id__in=person_ids, kind=kind).values_list(
            "person_id", "channel"
        )
    )
    default = kinds.get(kind).default
    return {pid: chosen.get(pid, default) for pid in person_ids}


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


def _email_body(text, url):
    """Call with the recipient's language active."""
    lines = [text]
    if url:
        lines += ["", absolute_url(url)]
    return "\n".join(lines + _footer())


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
