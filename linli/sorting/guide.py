"""The item guide's words and its search index.

PREPARATION: how to prepare each group of curated items (translated here, not in the CSV).

The search index is built once per process from the published items (curated + local) and
kept until an action changes an item: actions bump a version number in the shared cache,
and every search compares it (one cache read, no SQL). A search then looks at:

- exact names, other names, English words, full pinyin and pinyin initials (``kqz`` finds 矿泉水瓶…),
- substrings of any of those,
- jieba tokens of a Chinese query (``用过的旧报纸`` → 旧报纸, 报纸),
- near spellings: character trigrams with a Dice score (``newpaper`` → newspaper).
"""

import csv
import re
import threading
import uuid
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

DATA_FILE = Path(__file__).parent / "data" / "items.csv"
VERSION_KEY = "sorting:index-version"

PREPARATION = {
    "paper": _("Keep it dry and flat; take off tape and plastic film."),
    "carton": _("Empty it, rinse, drain and flatten."),
    "plastic_bottle": _("Empty it, rinse and squash it; the cap can stay on."),
    "plastic_hard": _("Clean it; take off parts made of other materials."),
    "glass": _("Empty and rinse; wrap broken glass so that nobody gets cut."),
    "metal": _("Empty and rinse cans; flatten them if you can. Wrap sharp edges."),
    "textile": _(
        "Clean and dry, in a tied bag; put it in the clothing bin or the recyclables bin."
    ),
    "electronics": _("Take out batteries first (they are sorted on their own); hand it in whole."),
    "appliance": _(
        "A large appliance: ask a recycler or the property manager to collect it; do not leave it by the bins."
    ),
    "wood": _("Clean; pull out nails. Large pieces go to bulky-item collection."),
    "battery": _("Tape over the terminals; put it in the red hazardous-waste bin."),
    "medicine": _("Keep it in its packaging; put it in the red hazardous-waste bin."),
    "lamp": _("Handle gently and wrap it so that it does not break; red hazardous-waste bin."),
    "mercury": _("Seal it in a bag or box; if it broke, collect every bead and seal them too."),
    "chemical": _("Keep the lid closed, do not pour it out; hand it in with its container."),
    "plain": _("Put it in the bin as it is."),
    "drain": _(
        "Pour the liquid away first, then put the solids in the wet-waste bin; the container is sorted on its own."
    ),
    "oil": _("Let it cool, pour it into a closed container; never down the sink."),
    "sharp": _("Wrap it in paper or tape so that nobody is hurt."),
    "dirty": _("Greasy or soiled packaging that cannot be cleaned is dry waste."),
    "bulky": _(
        "A bulky item: book a collection with the property manager or bring it on a bulky-item collection day."
    ),
}

WET_BAG = _("Tip wet waste out of its bag; the plastic bag goes in dry waste.")


def curated_rows():
    """The shipped list as dicts (name_zh, name_en, synonyms, kind, preparation)."""
    with DATA_FILE.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _pinyin(text):
    from pypinyin import Style, lazy_pinyin

    han = re.sub(r"[^\u4e00-\u9fff]", "", text)
    if not han:
        return "", ""
    full = "".join(lazy_pinyin(han))
    initials = "".join(p[0] for p in lazy_pinyin(han, style=Style.FIRST_LETTER) if p)
    return full, initials


def keys_for(name_zh, synonyms):
    """Pinyin and initials of the name and each other name, stored on the item (search_keys)."""
    keys = []
    for text in [name_zh, *split_synonyms(synonyms)]:
        full, initials = _pinyin(text)
        if full:
            keys += [full, initials]
    return " ".join(dict.fromkeys(keys))


def tokens_for(name_zh, synonyms):
    """jieba words (two characters or more) of the name and other names, stored on the item, so
    that neither building the index nor searching needs jieba's dictionary in the web process."""
    import jieba

    words = []
    for text in [name_zh, *split_synonyms(synonyms)]:
        words += [t for t in jieba.lcut_for_search(re.sub(r"（.*?）", "", text)) if len(t) > 1]
    return " ".join(dict.fromkeys(words))


def split_synonyms(text):
    return [s.strip() for s in re.split(r"[|｜,，;；、]", text or "") if s.strip()]


def normalise(text):
    return re.sub(r"[\s（）()·'’\-_.]+", "", (text or "").lower())


def trigrams(text):
    text = f"  {text} "
    return {text[i : i + 3] for i in range(len(text) - 2)}


@dataclass
class Entry:
    id: int
    name_zh: str
    name_en: str
    kind: str
    keys: tuple  # normalised names, other names, English words, pinyin
    blob: str  # keys joined by \x00 for substring search
    tokens: frozenset

    @property
    def get_kind_label(self):
        from .models import Kind

        return Kind(self.kind).label


class Index:
    MAX_HITS = 300  # a one-letter query matches most items: stop scanning after this many hits

    def __init__(self, rows):
        """rows: (id, name_zh, name_en, synonyms, kind, search_keys, search_tokens)."""
        self.entries = []
        self.by_trigram = defaultdict(set)
        self.by_token = defaultdict(set)
        self.exact = defaultdict(set)
        self.grams = []  # per entry: [(key, trigram set)]
        blobs, self.starts = [], []
        offset = 0
        for pk, name_zh, name_en, synonyms, kind, search_keys, search_tokens in rows:
            words = [
                name_zh,
                *split_synonyms(synonyms),
                name_en,
                *re.findall(r"[a-z]+", (name_en or "").lower()),
                *search_keys.split(),
            ]
            keys = tuple(dict.fromkeys(k for k in (normalise(w) for w in words) if k))
            tokens = frozenset(search_tokens.split())
            entry = Entry(pk, name_zh, name_en, kind, keys, "\x00".join(keys), tokens)
            position = len(self.entries)
            self.entries.append(entry)
            self.grams.append(
                [(key, trigrams(key)) for key in keys if len(key) >= 3 and key.isascii()]
            )
            for key in keys:
                self.exact[key].add(position)
                if (
                    len(key) >= 3 and key.isascii()
                ):  # near spellings of English and pinyin; Chinese goes by tokens
                    for gram in trigrams(key):
                        self.by_trigram[gram].add(position)
            for token in tokens:
                self.by_token[token].add(position)
            self.starts.append(offset)
            blobs.append(entry.blob)
            offset += len(entry.blob) + 1
        self.big = "\x01".join(blobs)
        self.token_list = sorted(self.by_token, key=len, reverse=True)

    def _substring(self, q, scores):
        """Every entry with q inside one of its keys: str.find over one joined string (C speed)."""
        big, starts = self.big, self.starts
        at, found = big.find(q), 0
        while at >= 0 and found < self.MAX_HITS:
            found += 1
            position = bisect_right(starts, at) - 1
            prefix = at == starts[position] or big[at - 1] == "\x00"
            if position not in scores:
                scores[position] = 80 if prefix else 60
            elif prefix and scores[position] == 60:
                scores[position] = 80
            at = big.find(q, at + 1)

    def search(self, query, limit=20):
        """[(entry, score)] best first; score 100 exact, 80 prefix, 60 substring, 40–50 tokens, <45 near spelling."""
        q = normalise(query)
        if not q:
            return []
        scores = {}
        for position in self.exact.get(q, ()):
            scores[position] = 100
        self._substring(q, scores)
        if len(scores) < limit and re.search(r"[\u4e00-\u9fff]", q):
            # The query's words: every known word inside it (a few thousand `in` checks, no jieba here).
            words = [t for t in self.token_list if t in q]
            hits = Counter(position for w in words for position in self.by_token.get(w, ()))
            for position, n in hits.items():
                if position not in scores:
                    scores[position] = 40 + 10 * min(n / len(words), 1)
        if len(scores) < limit and len(q) >= 3:
            grams = trigrams(q)
            shared = Counter()
            common = len(self.entries) // 5
            for gram in grams:
                posting = self.by_trigram.get(gram, ())
                if len(posting) <= common:  # grams in a fifth of all items say nothing
                    shared.update(posting)
            for position, _n in shared.most_common(60):
                if position in scores:
                    continue
                best = max(
                    (
                        2 * len(grams & kg) / (len(grams) + len(kg))
                        for _k, kg in self.grams[position]
                    ),
                    default=0,
                )
                if best >= 0.45:
                    scores[position] = 45 * best
        ranked = sorted(
            scores.items(),
            key=lambda kv: (-kv[1], len(self.entries[kv[0]].name_zh), self.entries[kv[0]].name_zh),
        )
        return [(self.entries[p], s) for p, s in ranked[:limit]]


_indexes: dict = {}
_lock = threading.Lock()


def index_version():
    """A token that changes whenever published items change. A random token, not a counter:
    if the cache is emptied (restart, eviction), a new token makes every process rebuild."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version():
    """Called by every action that changes published items (after commit)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def index_for(neighborhood_id) -> Index:
    """The neighborhood's published items: its own, plus the curated ones it has not replaced."""
    from linli.core.pagecache import depends_on

    from .models import Item

    depends_on(Item._meta.db_table)  # a page showing the index moves on when items change
    version = index_version()
    cached = _indexes.get(neighborhood_id)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        from .selectors import published_items_rows

        index = Index(published_items_rows(neighborhood_id))
        _indexes[neighborhood_id] = (version, index)
        return index
