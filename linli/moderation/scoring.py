"""The spam score of a text: pure functions, no database (moderation/actions.py feeds them).

score = rules (brand or site names repeated, domains and phone numbers, gambling, loan and
advertising vocabulary, emoji density, neighborhood word lists, near-duplicates)
      + a naive-Bayes classifier over jieba words and character bigrams
      + account signals (new, unverified, posting fast; verified and long-standing earns trust),
clipped to 0…1. HOLD and REJECT are the thresholds for holding a post for review and refusing it.
"""

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

HOLD = 0.5
REJECT = 0.9

URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9][a-z0-9-]{1,30}\.(?:com|net|cc|vip|top|xyz|bet|app|org|cn|info|club|site|win|me|io|co)\b",
    re.I,
)
CONTACT_RE = re.compile(
    r"(加微信|加v|微信号|v信|薇信|薇♥|威信|vx|wx|扣扣|qq|telegram|tg群|whatsapp)\s*[:：号]?|(?<![a-z])v\s*[:：]\s*\w",
    re.I,
)
PHONE_RE = re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
ID_RE = re.compile(
    r"(?<!\d)[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\d)"
)
ROOM_RE = re.compile(
    r"\d{1,3}\s*(?:号楼|栋|幢)\s*\d{0,2}\s*(?:单元)?\s*\d{3,4}\s*(?:室|号)?|\d{1,3}-\d{1,2}-\d{3,4}|\d{1,3}号\d{3,4}室"
)
EMOJI_RE = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\U0001f000-\U0001f2ff]")
CJK_RE = re.compile(r"[\u4e00-\u9fff]+")
WORD_RE = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")
BRAND_RE = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9]{2,6}?(?:娱乐城|娱乐|体育|棋牌|国际|彩票|真人|casino|bet)", re.I
)

VOCAB = {
    "gambling": (
        0.35,
        _("gambling words"),
        [
            "博彩",
            "娱乐城",
            "百家乐",
            "老虎机",
            "真人荷官",
            "荷官",
            "体育投注",
            "首存",
            "彩金",
            "返水",
            "龙虎斗",
            "电竞竞猜",
            "下注",
            "投注",
            "赌场",
            "棋牌",
            "提现到账",
            "casino",
            "betting",
            "slots",
            "baccarat",
            "jackpot",
            "free spins",
            "sportsbook",
            "odds",
            "deposit bonus",
        ],
    ),
    "loan": (
        0.35,
        _("loan words"),
        [
            "无抵押",
            "无担保",
            "秒批",
            "秒到账",
            "当天放款",
            "下款",
            "不看征信",
            "征信不好",
            "低息",
            "网贷",
            "套现",
            "代还",
            "黑户",
            "贷款",
            "额度",
            "payday loan",
            "no credit check",
            "bad credit",
            "loans approved",
        ],
    ),
    "ads": (
        0.3,
        _("advertising words"),
        [
            "代开",
            "发票",
            "刷单",
            "日结",
            "日赚",
            "躺赚",
            "月入过万",
            "副业",
            "减肥",
            "不反弹",
            "无效退款",
            "保健",
            "厂家直销",
            "快速排名",
            "高仿",
            "一比一",
            "代办",
            "精准客户",
            "稳赚",
            "翻倍",
            "导师",
            "领取",
            "恭喜您",
            "高价回收",
            "viagra",
            "cialis",
            "followers",
            "crypto",
            "guaranteed",
            "earn $",
            "click",
            "gift card",
            "no experience",
            "prescription",
            "signals",
        ],
    ),
    "trending": (
        0.15,
        _("unrelated headlines"),
        ["热搜", "今日头条", "热议", "网友评论", "热评", "据新华社", "国家统计局"],
    ),
}


@dataclass(frozen=True)
class Signals:
    """Who posts: account age in days, verified, posts in the last 10 minutes, staff, a near-duplicate score 0…1."""

    age_days: float = 0
    verified: bool = True
    recent_posts: int = 0
    staff: bool = False
    duplicate: float = 0.0


NEWLY_VERIFIED = Signals(age_days=0, verified=True)


@dataclass
class Verdict:
    decision: str  # publish | hold | reject
    score: float
    reasons: list = field(default_factory=list)
    personal: list = field(default_factory=list)  # personal data found (phone, id card, room)
    message: str = (
        ""  # set when the refusal is about the author (muted, banned, too fast), not the text
    )

    @property
    def held(self):
        return self.decision == "hold"

    @property
    def rejected(self):
        return self.decision == "reject"


# --- tokens and the classifier -----------------------------------------------------------

_jieba = None


def jieba():
    """jieba, loaded once per process (its dictionary takes ~0.5 s to load)."""
    global _jieba
    if _jieba is None:
        import jieba as j

        j.setLogLevel(logging.WARNING)
        j.initialize()
        _jieba = j
    return _jieba


def tokens(text: str) -> set:
    """jieba words (lower-cased, no punctuation) and the character bigrams of Chinese runs."""
    text = text.lower()[:4000]
    found = {w for w in jieba().lcut(text) if w.strip() and WORD_RE.match(w)}
    for run in CJK_RE.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    if EMOJI_RE.search(text):
        found.add("<emoji>")
    if URL_RE.search(text):
        found.add("<url>")
    return found


class Classifier:
    """Multinomial-style naive Bayes over the set of tokens in a text (Bernoulli presence counts)."""

    def __init__(self, spam=None, ham=None, n_spam=0, n_ham=0):
        self.spam, self.ham = Counter(spam or {}), Counter(ham or {})
        self.n_spam, self.n_ham = n_spam, n_ham

    @classmethod
    def trained(cls, examples):
        """examples: iterable of (is_spam, text)."""
        model = cls()
        for is_spam, text in examples:
            model.add(is_spam, text)
        return model

    def add(self, is_spam, text):
        counts = self.spam if is_spam else self.ham
        counts.update(tokens(text))
        if is_spam:
            self.n_spam += 1
        else:
            self.n_ham += 1

    def probability(self, text: str, toks=None) -> float:
        """P(spam | tokens), with each token's log-likelihood ratio capped so no single word decides."""
        if not self.n_spam or not self.n_ham:
            return 0.5
        toks = toks if toks is not None else tokens(text)
        log_odds = math.log(self.n_spam / self.n_ham)
        for tok in toks:
            s, h = self.spam.get(tok, 0), self.ham.get(tok, 0)
            if s + h < 2:
                continue
            ratio = math.log((s + 0.5) / (self.n_spam + 1)) - math.log((h + 0.5) / (self.n_ham + 1))
            log_odds += max(-2.0, min(2.0, ratio))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, log_odds))))

    def as_json(self):
        return {
            "spam": dict(self.spam),
            "ham": dict(self.ham),
            "n_spam": self.n_spam,
            "n_ham": self.n_ham,
        }

    @classmethod
    def from_json(cls, data):
        return cls(data.get("spam"), data.get("ham"), data.get("n_spam", 0), data.get("n_ham", 0))


# --- personal data -------------------------------------------------------------------------


def personal_data(text: str) -> list:
    """What in a text identifies someone: [(kind, the text found)] for phone numbers, ID-card and room numbers."""
    found = [("id_card", m.group()) for m in ID_RE.finditer(text)]
    stripped = ID_RE.sub(" ", text)
    found += [("phone", m.group()) for m in PHONE_RE.finditer(stripped)]
    found += [("room", m.group().strip()) for m in ROOM_RE.finditer(stripped)]
    return found


# --- the score -----------------------------------------------------------------------------


def _rules(text: str, lowered: str, words: dict):
    """(points, reasons) from the rules."""
    points, reasons = 0.0, []

    def add(p, reason):
        nonlocal points
        points += p
        reasons.append(reason)

    brands = Counter(m.group().lower() for m in BRAND_RE.finditer(text))
    top = brands.most_common(1)
    if top and top[0][1] >= 3:
        add(
            min(0.5, 0.15 * top[0][1]),
            _("the name “%(name)s” repeated %(n)d times") % {"name": top[0][0], "n": top[0][1]},
        )
    sites = URL_RE.findall(text)
    if sites:
        add(min(0.45, 0.3 * len(sites)), _("web addresses (%(n)d)") % {"n": len(sites)})
    contacts = CONTACT_RE.findall(text)
    phones = PHONE_RE.findall(text)
    if contacts:
        add(0.25, _("asks to be contacted on WeChat, QQ or similar"))
    if phones and (contacts or len(phones) > 1):
        add(0.1, _("phone numbers"))
    for _key, (weight, label, vocab) in VOCAB.items():
        hits = [w for w in vocab if w in lowered]
        if hits:
            add(
                weight * min(1.0, 0.5 + 0.25 * len(hits)),
                _("%(kind)s: %(words)s") % {"kind": label, "words": "、".join(hits[:4])},
            )
    emoji = len(EMOJI_RE.findall(text))
    if emoji >= 4 and emoji / max(1, len(text)) > 0.02:
        add(min(0.3, 0.05 * emoji), _("many emoji (%(n)d)") % {"n": emoji})
    blocked = [w for w in words.get("block", ()) if w and w.lower() in lowered]
    watched = [w for w in words.get("watch", ()) if w and w.lower() in lowered]
    if blocked:
        add(
            1.0,
            _("words the committee does not allow: %(words)s") % {"words": "、".join(blocked[:4])},
        )
    if watched:
        add(0.3, _("words the committee watches: %(words)s") % {"words": "、".join(watched[:4])})
    return points, reasons


def _account(signals: Signals):
    points, reasons = 0.0, []
    if signals.staff:
        return -0.5, []
    if not signals.verified:
        points += 0.15
        reasons.append(_("unverified account"))
    if signals.age_days < 3:
        points += 0.1
        reasons.append(_("new account"))
    elif signals.verified and signals.age_days >= 30:
        points -= 0.1  # trust earned
    if signals.recent_posts >= 5:
        points += 0.1 * min(4, signals.recent_posts - 4)
        reasons.append(_("posting fast (%(n)d posts in 10 minutes)") % {"n": signals.recent_posts})
    if signals.duplicate >= 0.8:
        points += 0.4
        reasons.append(_("nearly the same as an earlier post"))
    return points, reasons


def score(
    text: str,
    *,
    signals: Signals = NEWLY_VERIFIED,
    classifier: Classifier | None = None,
    words: dict | None = None,
) -> Verdict:
    """The verdict on `text`: publish, hold (score ≥ HOLD) or reject (score ≥ REJECT)."""
    text = text or ""
    lowered = text.lower()
    points, reasons = _rules(text, lowered, words or {})
    if classifier is not None:
        p = classifier.probability(text)
        if p > 0.5:
            points += 0.5 * (p - 0.5) / 0.5
            if p > 0.8:
                reasons.append(
                    _("reads like the spam staff removed before (%(p)d%%)") % {"p": round(p * 100)}
                )
    account, why = _account(signals)
    points += account if points > 0.1 or account > 0 else 0
    reasons += why if points >= HOLD else []
    value = round(max(0.0, min(1.0, points)), 3)
    decision = "reject" if value >= REJECT else "hold" if value >= HOLD else "publish"
    return Verdict(
        decision=decision,
        score=value,
        reasons=[str(r) for r in reasons],
        personal=personal_data(text),
    )


def shingles(text: str, n=4) -> set:
    """Character n-grams of the text without spaces and punctuation: for near-duplicate checks."""
    flat = "".join(WORD_RE.findall(text.lower()))
    return {flat[i : i + n] for i in range(max(1, len(flat) - n + 1))}


def similarity(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
