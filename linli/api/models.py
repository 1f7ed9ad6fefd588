from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A personal token for scripts. Only a hash is kept; the token is shown once."""

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        WRITE = "write", _("read and write")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class RateCounter(models.Model):
    """One fixed-window rate-limit counter (linli/core/ratelimit.py) when the cache is not Redis
    or Redis does not answer: `name` is scope, identity and window number; `expires_at` (Unix
    seconds) is when the row may be deleted. On SQLite the same table lives in a file of its
    own beside the database (RATELIMIT_SQLITE_FILE), so that a count is written even while
    the caller's transaction holds the database's write lock."""

    name = models.CharField(max_length=250, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self):
        return f"{self.name}: {self.count}"


class IdempotentRequest(models.Model):
    """An API write sent with an `Idempotency-Key` header, and the response it got (24 hours).

    `owner` is the person (`person:<id>`) or, for requests without one, a hash of the
    credentials sent; `fingerprint` a hash of the method, path and body. `status` is empty
    while the first request is still running."""

    owner = models.CharField(max_length=80)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("idempotent request")
        verbose_name_plural = _("idempotent requests")
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="api_idempotent_owner_key")
        ]

    def __str__(self):
        return f"{self.owner} {self.key}"
