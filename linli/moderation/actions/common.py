"""Limits and helpers shared by the moderation actions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from linli.core import ratelimit

NOTE_MAX = 300


# (scope, limit, window seconds) for what people do besides posting (posting: screen.POSTS_PER_10_MINUTES).
LIMITS = {"support": (60, 600), "report": (20, 3600), "appeal": (5, 3600)}


def rate_check(*, person, scope, ip=None):
    """Count one `scope` event ("support", "report"…) for the person (and the address); refuse past the limit."""
    limit, window = LIMITS[scope]
    if ratelimit.hit(f"moderation.{scope}", str(person.pk), window=window) > limit or (
        ip and ratelimit.hit(f"moderation.{scope}.ip", ip, window=window) > limit * 3
    ):
        raise ValidationError(_("You are doing this too often. Please wait a while and try again."))
