"""Search over topics and replies: jieba-segmented text in SQLite FTS5 or a PostgreSQL
tsvector (GIN). Both see the same tokens (segmented once, in Python), match all query
terms, rank title hits above body hits and break ties by newest; the snippets are
highlighted here, in Python, so both databases show the same thing.
"""

import html
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from linli.core.text import plain_text

from . import text
from .models import SearchEntry

PER_PAGE = 20
RANK_WINDOW = 2_000
MAX_PAGE = 50


@dataclass
class Hit:
    entry: SearchEntry
    title: str
    snippet: str
    url: str
    created_at: datetime
    is_reply: bool


def _where(*, neighborhood_id, public_only, circle_id, since, until):
    clauses, params = ["e.neighborhood_id = %s", "e.hidden = %s"], [neighborhood_id, False]
    if public_only:
        clauses.append("e.public = %s")
        params.append(True)
    if since:
        clauses.append("e.created_at >= %s")
        params.append(timezone.make_aware(datetime.combine(since, time.min)))
    if until:
        clauses.append("e.created_at < %s")
        params.append(timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min)))
    if circle_id:
        clauses.append(
            "e.topic_id IN (SELECT topic_id FROM forum_topiccircle WHERE circle_id = %s)"
        )
        params.append(circle_id)
    return " AND ".join(clauses), params


def _cutoff(match_sql, args):
    """The id of the RANK_WINDOW-th newest match in the neighborhood (0 if fewer): ranking is done
    among the neighborhood's newest matches only, so a very common word costs the same as a rare
    one (the same rule on both databases). The neighborhood is part of the match itself, so
    another neighborhood's posts never push this one's out of the window."""
    with connection.cursor() as cursor:
        cursor.execute(match_sql, [*args, RANK_WINDOW - 1])
        row = cursor.fetchone()
    return row[0] if row else 0


def _ids(terms, neighborhood_id, where, params, limit, offset):
    if connection.vendor == "postgresql":
        query = " & ".join(f"'{t}'" for t in terms)
        cutoff = _cutoff(
            "SELECT id FROM forum_searchentry WHERE neighborhood_id = %s AND document @@ %s::tsquery "
            "ORDER BY id DESC LIMIT 1 OFFSET %s",
            [neighborhood_id, query],
        )
        sql = (
            f"SELECT e.id FROM forum_searchentry e WHERE e.document @@ %s::tsquery AND e.id >= %s AND {where} "
            "ORDER BY ts_rank(e.document, %s::tsquery) DESC, e.id DESC LIMIT %s OFFSET %s"
        )
        args = [query, cutoff, *params, query, limit, offset]
    else:
        # FTS5 column filters: the neighborhood column (first in the index) and the two text ones.
        words = " AND ".join(f'"{t}"' for t in terms)
        query = (
            f'neighborhood_id:"{int(neighborhood_id)}" AND {{title_tokens body_tokens}}:({words})'
        )
        cutoff = _cutoff(
            "SELECT rowid FROM forum_search_fts WHERE forum_search_fts MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s",
            [query],
        )
        sql = (
            f"SELECT e.id FROM forum_search_fts f JOIN forum_searchentry e ON e.id = f.rowid WHERE forum_search_fts MATCH %s AND f.rowid >= %s AND {where} "
            "ORDER BY bm25(forum_search_fts, 0.0, 4.0, 1.0), e.id DESC LIMIT %s OFFSET %s"
        )
        args = [query, cutoff, *params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return [row[0] for row in cursor.fetchall()]


def _plain(source):
    """Markdown source as plain text for a snippet (tags removed, entities decoded; escaped again by highlight)."""
    return html.unescape(plain_text(source))


def search(
    *, neighborhood, query, public_only=True, circle_id=None, since=None, until=None, page=1
):
    """→ (hits, has_next). Three queries whatever the size of the index."""
    terms = text.query_terms(query)
    if not terms:
        return [], False
    page = max(1, min(page, MAX_PAGE))
    where, params = _where(
        neighborhood_id=neighborhood.pk,
        public_only=public_only,
        circle_id=circle_id,
        since=since,
        until=until,
    )
    ids = _ids(terms, neighborhood.pk, where, params, PER_PAGE + 1, (page - 1) * PER_PAGE)
    has_next = len(ids) > PER_PAGE and page < MAX_PAGE
    ids = ids[:PER_PAGE]
    entries = (
        SearchEntry.objects.filter(pk__in=ids)
        .select_related("topic", "reply")
        .only(
            "id",
            "created_at",
            "topic__id",
            "topic__title",
            "topic__body",
            "reply__id",
            "reply__body",
            "reply__topic_id",
        )
    )
    by_id = {e.pk: e for e in entries}
    hits = []
    for pk in ids:
        entry = by_id.get(pk)
        if entry is None:
            continue
        source = entry.reply.body if entry.reply_id else entry.topic.body
        hits.append(
            Hit(
                entry=entry,
                title=entry.topic.title,
                snippet=highlight(_plain(source), terms),
                url=(
                    entry.reply.get_absolute_url()
                    if entry.reply_id
                    else entry.topic.get_absolute_url()
                ),
                created_at=entry.created_at,
                is_reply=bool(entry.reply_id),
            )
        )
    return hits, has_next


def highlight(source: str, terms, width=120) -> str:
    """A snippet of `source` around the first term, every term wrapped in <mark> (HTML-safe)."""
    source = re.sub(r"\s+", " ", source or "").strip()
    # Adjacent terms (垃圾 + 房) are marked as one run.
    pattern = (
        re.compile(
            "(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + ")+",
            re.I,
        )
        if terms
        else None
    )
    start = 0
    if pattern:
        first = pattern.search(source)
        if first:
            start = max(0, first.start() - width // 3)
    piece = source[start : start + width]
    prefix, suffix = ("…" if start > 0 else ""), ("…" if start + width < len(source) else "")
    if not pattern:
        return escape(prefix + piece + suffix)
    out, last = [], 0
    for m in pattern.finditer(piece):
        out.append(escape(piece[last : m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        last = m.end()
    out.append(escape(piece[last:]))
    return mark_safe(escape(prefix) + "".join(out) + escape(suffix))


def highlight_title(title, query):
    return highlight(title, text.query_terms(query), width=200)
