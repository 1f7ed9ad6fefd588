"""Limits, text cleaning and helpers shared by the forum actions."""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from linli.community.models import Neighborhood, Resident
from linli.core import ratelimit
from linli.forum import text
from linli.forum.models import (
    Circle,
    Topic,
    hot_score,
)

POINTS = {"forum.topic": 5, "forum.reply": 2, "forum.best_answer": 20, "forum.support_received": 1}


CIRCLES_MAX = 5


POSTS_PER_HOUR = 30


TRICKS_RE = re.compile(
    r"<\s*/?\s*(script|iframe|style|object|embed|svg|img|form|input|link|meta)\b|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|\bon[a-z]+\s*=",
    re.I,
)


def _clean_text(value: str | None, *, limit: int, empty_message: str) -> str:
    value = (value or "").replace("\x00", "").strip()
    if not value:
        raise ValidationError(empty_message)
    if len(value) > limit:
        raise ValidationError(
            _("This is %(n)d characters long; at most %(limit)d are allowed.")
            % {"n": len(value), "limit": limit}
        )
    if TRICKS_RE.search(value):
        raise ValidationError(
            _(
                "HTML, scripts and javascript: links are not allowed in posts. Write plain text or Markdown."
            )
        )
    return value


def _rate_limit(person: Resident) -> None:
    if ratelimit.hit("forum.post", str(person.pk), window=3600) > POSTS_PER_HOUR:
        raise ValidationError(
            _("You have posted a lot in the last hour. Please wait a while before posting again.")
        )


def _mentioned(body: str, neighborhood_id: int, author: Resident) -> list[int]:
    """The people @mentioned (in this neighborhood); mentioning someone twice is refused."""
    names = text.mentions(body)
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValidationError(
            _("You mentioned @%(name)s more than once. Mention each person once.")
            % {"name": repeated[0]}
        )
    if not names:
        return []
    in_neighborhood = Q(household__neighborhood_id=neighborhood_id) | Q(
        roles__neighborhood_id=neighborhood_id
    )
    # The name people see beside posts works too: "@小张" — also when the text runs on without a
    # space ("@小张你好"), so every beginning of the word is a candidate display name.
    prefixes = {n[:k] for n in names for k in range(2, len(n) + 1)}
    rows = list(
        Resident.objects.filter(in_neighborhood, is_active=True, deleted_at=None)
        .filter(Q(username__in=names) | Q(display_name__in=prefixes))
        .exclude(pk=author.pk)
        .distinct()
        .values_list("pk", "username", "display_name")
    )
    by_login = {login: person for person, login, _shown in rows}
    by_shown: dict[str, set[int]] = {}
    for person, _login, shown in rows:
        if shown:
            by_shown.setdefault(shown, set()).add(person)
    found: list[int] = []
    for name in names:
        pk: int | None = by_login.get(name)
        if pk is None:  # the longest display name the word begins with, if only one person has it
            shown = max((d for d in by_shown if name.startswith(d)), key=len, default="")
            pk = next(iter(by_shown[shown])) if shown and len(by_shown[shown]) == 1 else None
        if pk is not None and pk not in found:
            found.append(pk)
    return found


def _circles_for(neighborhood: Neighborhood, names: Iterable[str], actor: Resident) -> list[Circle]:
    """Circles by name, created by use. Returns Circle objects (deduplicated, at most CIRCLES_MAX)."""
    clean = []
    for name in names:
        name = name.strip().strip("#").strip()
        if not name:
            continue
        if len(name) > 20 or not re.fullmatch(r"[^\s#<>&\"']{1,20}", name):
            raise ValidationError(
                _("A circle name has at most 20 characters, without spaces or #: %(name)s")
                % {"name": name[:30]}
            )
        if name not in clean:
            clean.append(name)
    if len(clean) > CIRCLES_MAX:
        raise ValidationError(_("A topic can be in at most %(n)d circles.") % {"n": CIRCLES_MAX})
    Circle.objects.bulk_create(
        [Circle(neighborhood=neighborhood, name=n, created_by=actor) for n in clean],
        ignore_conflicts=True,
    )
    found = {c.name: c for c in Circle.objects.filter(neighborhood=neighborhood, name__in=clean)}
    return [found[n] for n in clean]


def _rehot(topic_id: int) -> None:
    """Recompute the stored hot score from the row (call after locking it with an UPDATE)."""
    row = (
        Topic.objects.filter(pk=topic_id)
        .values("created_at", "support_count", "reply_count", "read_count")
        .first()
    )
    if row:
        score = hot_score(
            created_ts=row["created_at"].timestamp(),
            supports=row["support_count"],
            replies=row["reply_count"],
            reads=row["read_count"],
        )
        Topic.objects.filter(pk=topic_id).update(hot=score)
