"""Read counts: one per person (or address) per topic per day, without a write per view.

Who has read what today is remembered in the cache (`cache.add`, shared by every process
when the cache is Redis). New reads collect in this process and are flushed in one
UPDATE (plus the hot scores) every FLUSH_SECONDS or FLUSH_READS reads, and at exit.
"""

import atexit
import contextlib
import hashlib
import threading
import time
from collections import Counter

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

FLUSH_SECONDS = 10
FLUSH_READS = 200
DAY = 86_400

_pending: Counter = Counter()
_lock = threading.Lock()
_last_flush = time.monotonic()


def _reader_key(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    from linli.core.ratelimit import client_ip

    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    return "a" + hashlib.sha1(f"{client_ip(request)}|{agent}".encode()).hexdigest()[:16]


def read_record(request, topic_id: int) -> bool:
    """Count this reader once today; returns True if the read was new."""
    day = timezone.localdate().isoformat()
    if not cache.add(f"forum:read:{day}:{topic_id}:{_reader_key(request)}", 1, timeout=DAY + 3600):
        return False
    with _lock:
        _pending[topic_id] += 1
        due = (
            sum(_pending.values()) >= FLUSH_READS or time.monotonic() - _last_flush >= FLUSH_SECONDS
        )
    if due:
        reads_flush()
    return True


def pending(topic_id) -> int:
    return _pending.get(topic_id, 0)


def reads_flush() -> int:
    """Write the collected reads to the topics (one UPDATE, then the hot scores). Returns how many."""
    global _last_flush
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not batch:
        return 0
    from .actions import reads_add

    try:
        with transaction.atomic():
            reads_add(batch)
    except Exception:
        with _lock:  # try again at the next flush rather than lose them
            _pending.update(batch)
        raise
    return sum(batch.values())


def _flush_at_exit():
    with contextlib.suppress(Exception):  # the database may be gone at exit
        reads_flush()


atexit.register(_flush_at_exit)
