"""Screening what people write before anyone else sees it (the apps call `text_check` or `text_screen`).

    verdict = text_check(author=…, text=…, kind="forum.topic", neighborhood=…, public=True)
    obj = … save …
    if verdict.held:
        hold(target=obj, verdict=verdict, text=…)   # a Case, open and hidden until staff approve

`text_screen` returns the verdict (publish / hold / reject) and never raises; `text_check`
raises a ValidationError with the reasons when the text is rejected, when the author is
muted or banned, posts too fast, or shows personal data in a public text without confirming.
"""

import json
import time
import zlib
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from linli.core import ratelimit

from . import scoring
from .models import Case, ClassifierState, Fingerprint, Sanction, Word
from .registry import handler_for
from .scoring import Signals, Verdict

LABELLED = Path(__file__).resolve().parent / "tests" / "data" / "labelled.jsonl"
POSTS_PER_10_MINUTES = 20  # per person, all kinds of posts together
POSTS_PER_10_MINUTES_PER_IP = 60
DUPLICATE_WINDOW = timedelta(days=7)
DUPLICATE_ROWS = 300
GRAMS = 64

_classifier = {"key": None, "model": None}


def labelled_examples():
    """The shipped labelled set: [(is_spam, text)]."""
    with LABELLED.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [(r["label"] == "spam", r["text"]) for r in rows]


def classifier() -> scoring.Classifier:
    """The latest trained classifier (one small query to see whether it changed; loaded once per process)."""
    row = ClassifierState.objects.order_by("-pk").values_list("pk", "trained_at").first()
    key = row or "shipped"
    if _classifier["key"] != key:
        if row:
            _classifier["model"] = scoring.Classifier.from_json(
                ClassifierState.objects.get(pk=row[0]).data
            )
        else:
            _classifier["model"] = scoring.Classifier.trained(labelled_examples())
        _classifier["key"] = key
    return _classifier["model"]


def fingerprint(text: str) -> list:
    """The GRAMS smallest hashes of the text's 4-character shingles (a bottom-k MinHash)."""
    return sorted({zlib.crc32(g.encode()) for g in scoring.shingles(text)})[:GRAMS]


def _duplicate(grams, neighborhood, now) -> float:
    if len(grams) < 8:  # too short to call a copy
        return 0.0
    mine = set(grams)
    best = 0.0
    for other in (
        Fingerprint.objects.filter(
            neighborhood=neighborhood, created_at__gte=now - DUPLICATE_WINDOW
        )
        .order_by("-created_at")
        .values_list("grams", flat=True)[:DUPLICATE_ROWS]
    ):
        best = max(best, scoring.similarity(mine, set(other)))
    return best


def sanction_of(person, neighborhood):
    """The person's active ban or mute here (a ban anywhere counts everywhere), or None."""
    now = timezone.now()
    active = Q(lifted_at=None) & (Q(until=None) | Q(until__gt=now))
    return (
        Sanction.objects.filter(
            active, Q(neighborhood=neighborhood) | Q(kind=Sanction.Kind.BAN), person_id=person.pk
        )
        .order_by("kind", "-until")
        .first()
    )


def words_of(neighborhood) -> dict:
    found = {"block": [], "watch": []}
    for word, kind in Word.objects.filter(neighborhood=neighborhood).values_list("word", "kind"):
        found[kind].append(word)
    return found


def _sanction_message(sanction):
    if sanction.kind == Sanction.Kind.BAN:
        return _("You are banned from posting here: %(reason)s") % {"reason": sanction.reason}
    return _("You are muted until %(until)s: %(reason)s") % {
        "until": formats.date_format(timezone.localtime(sanction.until), "Y-m-d H:i"),
        "reason": sanction.reason,
    }


def text_screen(*, author, text, kind, neighborhood, public=True, ip=None) -> Verdict:
    """Score `text` that `author` is about to post in `neighborhood`, and remember its fingerprint.

    kind: what is posted ("forum.topic", "forum.reply", "office.request"…), for the record.
    Never raises: a muted, banned or too-fast author gets a "reject" verdict with the reason.
    """
    sanction = sanction_of(author, neighborhood)
    if sanction is not None:
        message = _sanction_message(sanction)
        return Verdict("reject", 1.0, [message], message=message)
    if ratelimit.hit("moderation.post", str(author.pk), window=600) > POSTS_PER_10_MINUTES or (
        ip and ratelimit.hit("moderation.post.ip", ip, window=600) > POSTS_PER_10_MINUTES_PER_IP
    ):
        message = _(
            "You have posted a lot in the last minutes. Please wait a while before posting again."
        )
        return Verdict("reject", 1.0, [message], message=message)
    now = timezone.now()
    grams = fingerprint(text)
    joined = getattr(author, "date_joined", None) or now
    signals = Signals(
        age_days=(now - joined).total_seconds() / 86400,
        verified=bool(getattr(author, "is_verified", False)),
        recent_posts=Fingerprint.objects.filter(
            author_id=author.pk, created_at__gte=now - timedelta(minutes=10)
        ).count(),
        staff=author.has_perm("moderation.review", neighborhood),
        duplicate=_duplicate(grams, neighborhood, now),
    )
    verdict = scoring.score(
        text, signals=signals, classifier=classifier(), words=words_of(neighborhood)
    )
    if not public:
        verdict.personal = []
    if not verdict.rejected:
        Fingerprint.objects.create(
            neighborhood=neighborhood, author_id=author.pk, grams=grams, created_at=now
        )
    return verdict


def personal_message(found) -> str:
    labels = {
        "phone": _("a phone number"),
        "id_card": _("an ID-card number"),
        "room": _("a room number"),
    }
    items = "、".join(f"{labels[kind]} “{value}”" for kind, value in found[:3])
    return _(
        "Everyone can read this post, and it shows %(items)s. Remove it, post for residents only, or confirm that you want to post it."
    ) % {"items": items}


def text_check(
    *, author, text, kind, neighborhood, public=True, confirm_personal=False, ip=None
) -> Verdict:
    """`text_screen`, raising a translated ValidationError for a rejected text or unconfirmed personal data."""
    verdict = text_screen(
        author=author, text=text, kind=kind, neighborhood=neighborhood, public=public, ip=ip
    )
    if verdict.rejected:
        raise ValidationError(
            verdict.message
            or _("This looks like spam and cannot be posted: %(reasons)s.")
            % {"reasons": "; ".join(verdict.reasons[:3])}
        )
    if public and verdict.personal and not confirm_personal:
        raise ValidationError(personal_message(verdict.personal), code="personal_data")
    return verdict


@transaction.atomic
def hold(*, target, verdict, text) -> Case:
    """Keep a just-created post from others until staff review it: an open case, hidden, with the score and reasons."""
    from django.contrib.contenttypes.models import ContentType

    from linli.notify.actions import notify

    handler = handler_for(target)
    info = handler.describe(target)
    # An edited post may already have a case (reported, or reviewed before): it opens again.
    case, _created = Case.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        defaults={
            "neighborhood_id": info.neighborhood_id,
            "author_id": info.author_id,
            "excerpt": info.excerpt[:300],
            "url": info.url[:300],
            "source": Case.Source.SCORER,
            "status": Case.Status.OPEN,
            "hidden": True,
            "score": verdict.score,
            "reasons": list(verdict.reasons),
            "text": text[:5000],
        },
    )
    handler.set_hidden(target.pk, True)
    if info.author_id:
        notify(
            recipients=[info.author_id],
            kind="moderation.held",
            params={"excerpt": info.excerpt[:60]},
            url="",
            actor=None,
        )
    return case


def timed(text, classifier_model, repeat=1) -> float:
    """Milliseconds to score `text` (pure function, no database): for the bench and its test."""
    start = time.perf_counter()
    for _i in range(repeat):
        scoring.score(text, classifier=classifier_model)
    return (time.perf_counter() - start) * 1000 / repeat
