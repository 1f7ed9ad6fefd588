"""Words for search and matching: lower-cased text, and jieba tokens of a question."""

import re

import jieba

jieba.setLogLevel(60)
jieba.initialize()  # load the dictionary when the site starts, not during someone's request

STOPWORDS = set(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "是",
        "在",
        "有",
        "我",
        "我们",
        "你",
        "你们",
        "他",
        "她",
        "它",
        "这",
        "那",
        "哪",
        "吗",
        "呢",
        "吧",
        "啊",
        "一个",
        "一些",
        "什么",
        "怎么",
        "如何",
        "为什么",
        "可以",
        "能",
        "会",
        "要",
        "想",
        "需要",
        "请",
        "请问",
        "大家",
        "谁",
        "问题",
        "有没有",
        "没有",
        "小区",
        "居民",
        "邻居",
        "一下",
        "这个",
        "那个",
        "还是",
        "就是",
        "如果",
        "因为",
        "所以",
        "但是",
        "然后",
        "关于",
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "have",
        "has",
        "are",
        "was",
        "were",
        "what",
        "who",
        "how",
        "why",
        "can",
        "could",
        "would",
        "should",
        "please",
        "about",
        "into",
        "any",
        "our",
        "your",
    ]
)
_WORD = re.compile(r"[\w\u4e00-\u9fff]+")


def fold(text: str) -> str:
    return " ".join((text or "").lower().split())


def tokens(text: str, limit: int = 24) -> list[str]:
    """Distinct meaningful words of `text`, in order: Chinese words of 2+ characters, other words of 3+ letters."""
    seen, found = set(), []
    for chunk in _WORD.findall(fold(text).replace("\x00", "")):
        for word in jieba.cut_for_search(chunk):
            word = word.strip()
            if not word or word in seen or word in STOPWORDS:
                continue
            cjk = any("\u4e00" <= ch <= "\u9fff" for ch in word)
            if (cjk and len(word) < 2) or (not cjk and len(word) < 3) or word.isdigit():
                continue
            seen.add(word)
            found.append(word)
            if len(found) >= limit:
                return found
    return found


def index_words(keywords: str, rest: str) -> dict[str, int]:
    """{word: weight} of a profile: every search word of its skills (3) and of the rest (1)."""
    words = {w: 1 for w in tokens(rest, limit=400)}
    words.update({w: 3 for w in tokens(keywords, limit=200)})
    return {w[:40]: weight for w, weight in words.items()}
