"""A person's email address: change requested, confirmed by token, removed."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from linli.notify.models import (
    EmailChange,
    EmailDelivery,
)

from .common import _enqueue, absolute_url

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
