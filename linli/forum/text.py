"""Reading what people wrote: #circles#, @mentions, and jieba segmentation for search."""

import re
from functools import cache

HASHTAG_RE = re.compile(r"#([^#\s]{1,20})#")
MENTION_RE = re.compile(r"(?<![\w@])@([\w.+-]{1,40})")
TOKEN_RE = re.compile(
    r"[^\W_]+", re.UNICODE
)  # letters and digits; "_" splits, as in FTS5 and PostgreSQL
CJK_RE = re.compile(r"[\u3400-\u9fff]")
SKILL_SPLIT_RE = re.compile(r"[,，、;；/\s]+")


def hashtags(text: str) -> list[str]:
    seen = []
    for name in HASHTAG_RE.findall(text or ""):
        if name not in seen:
            seen.append(name)
    return seen


def mentions(text: str) -> list[str]:
    """Every @username in order, repeats included (the caller refuses repeats)."""
    return MENTION_RE.findall(text or "")


@cache
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokens(text: str) -> list[str]:
    """Search terms: jieba's words (search mode, so 垃圾分类 also yields 垃圾 and 分类), lower-cased."""
    text = (text or "").lower()
    if not CJK_RE.search(text):
        return TOKEN_RE.findall(text)
    found = []
    for word in _jieba().cut_for_search(text):
        found.extend(TOKEN_RE.findall(word))
    return found


def segmented(text: str) -> str:
    return " ".join(tokens(text))


def query_terms(query: str) -> list[str]:
    """The distinct terms of a search query (at most 8), in the index's own tokenisation."""
    terms = []
    text = (query or "").lower()
    words = _jieba().cut(text) if CJK_RE.search(text) else [text]
    for word in words:
        for term in TOKEN_RE.findall(word):
            if term not in terms:
                terms.append(term)
    return terms[:8]


def skills_of(skills: str) -> list[str]:
    return [s.strip().lower() for s in SKILL_SPLIT_RE.split(skills or "") if len(s.strip()) >= 2]


def skills_match(skills: str, circle_names) -> bool:
    """The talent badge: a skill and one of the topic's circles name the same field."""
    names = [n.lower() for n in circle_names]
    return any(s in n or n in s for s in skills_of(skills) for n in names if len(n) >= 2)
