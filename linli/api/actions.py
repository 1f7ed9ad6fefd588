"""Personal API tokens: created and revoked by their owner, stored hashed, shown once."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import sql

from .models import ApiToken

TOKEN_PREFIX = "linli_"
MAX_TOKENS = 20


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(*, person, name, scope) -> tuple[ApiToken, str]:
    """Returns the stored token and the secret, which the caller shows once."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            {"name": _("Give the token a name, e.g. the script that will use it.")}
        )
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose read only, or read and write.")})
    if ApiToken.objects.filter(person=person, revoked_at=None).count() >= MAX_TOKENS:
        raise ValidationError(
            _("You have %(n)s tokens already; revoke one first.") % {"n": MAX_TOKENS}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        person=person,
        name=name[:60],
        prefix=secret[len(TOKEN_PREFIX) :][:8],
        token_hash=hash_token(secret),
        scope=scope,
    )
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def token_revoke(*, token, person) -> ApiToken:
    if token.person_id != person.pk:
        raise PermissionDenied(_("This token is not yours."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(secret: str):
    """The token's owner and scope for a presented secret, or None. Notes use at most once a minute."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = _token_with_person(hash_token(secret))
    if token is None or not token.person.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        sql.update_row(ApiToken, token.pk, last_used_at=now)
    return token


def _household_model():
    # The person's household, as the user model names it (the API knows people only
    # through `get_user_model()`, as django.contrib.auth does).
    return get_user_model()._meta.get_field("household").related_model


@sql.statement
def _token_query(qn):
    Person, Household = get_user_model(), _household_model()
    return (
        f"SELECT {sql.columns(ApiToken, 't')}, {sql.columns(Person, 'p')}, {sql.columns(Household, 'h')} "
        f"FROM {qn(ApiToken._meta.db_table)} t JOIN {qn(Person._meta.db_table)} p ON p.{qn('id')} = t.{qn('person_id')} "
        f"LEFT JOIN {qn(Household._meta.db_table)} h ON h.{qn('id')} = p.{qn('household_id')} "
        f"WHERE t.{qn('token_hash')} = %s AND t.{qn('revoked_at')} IS NULL"
    )


def _token_with_person(token_hash):
    """The live token with its person and their household: one prepared query, as
    `select_related("person__household")` would load them (every API request pays for this)."""
    Person, Household = get_user_model(), _household_model()
    row = sql.one(_token_query(), [token_hash])
    if row is None:
        return None
    token = sql.load(ApiToken, row)
    person = sql.load(Person, row, len(ApiToken._meta.concrete_fields))
    person.household = sql.load(
        Household, row, len(ApiToken._meta.concrete_fields) + len(Person._meta.concrete_fields)
    )
    token.person = person
    return token
