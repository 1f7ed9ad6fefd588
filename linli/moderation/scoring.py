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

from . import features
from .features import CODE_RE

HOLD = 0.5
REJECT = 0.9

URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9][a-z0-9-]{1,30}\.(?:com|net|cc|vip|top|xyz|bet|app|org|cn|info|club|site|win|me|io|co)\b",
    re.I,
)
CONTACT_RE = re.compile(
    r"(加微信|加v|\+v|微信号|v信|薇信|薇♥|威信|vx|wx|扣扣|qq|telegram|tg群|whatsapp|飞机\s*@|(?<![a-z])tg\s*[:：])\s*[:：号]?|(?<![a-z])v\s*[:：]\s*\w"
)  # matched on the lower-cased text
OFFICIAL_RE = re.compile(
    r"\.(?:gov|edu)\.cn(?![a-z])", re.I
)  # government and universities: not advertising
SOFT_CONTACT_RE = re.compile(r"详情私聊|私聊|私我|看我主页|联系客服|进群")
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
LATIN_RE = re.compile(r"[a-z]{2,20}")
# Where a gambling brand's name ends; the two characters before it make the name (金沙娱乐, 皇冠体育).
BRAND_SUFFIX_RE = re.compile(r"娱乐城|娱乐|体育|棋牌|国际|彩票|真人|casino|bet", re.I)
BRAND_HEAD_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2}$")


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
    """Lower-cased Latin words and numbers, the character bigrams of Chinese runs, and markers.

    No word segmentation here: jieba takes ~10 ms on a 6 KB text, bigrams ~0.3 ms and classify as well.
    """
    text = text.lower()[:6000]
    found = set(LATIN_RE.findall(text))
    for run in CJK_RE.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    if EMOJI_RE.search(text):
        found.add("<emoji>")
    if URL_RE.search(text):
        found.add("<url>")
    if PHONE_RE.search(text):
        found.add("<phone>")
    if CODE_RE.search(text):
        found.add("<code>")
    return found


EVIDENCE = 40


class Classifier:
    """Multinomial-style naive Bayes over the set of tokens in a text (Bernoulli presence counts)."""

    def __init__(self, spam=None, ham=None, n_spam=0, n_ham=0):
        self.spam, self.ham = Counter(spam or {}), Counter(ham or {})
        self.n_spam, self.n_ham = n_spam, n_ham
        self._weights = None

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
        self._weights = None

    def weights(self) -> dict:
        """Each token's log-likelihood ratio, capped at ±2 so no single word decides (computed once)."""
        if self._weights is None:
            weights = {}
            spam_total, ham_total = math.log(self.n_spam + 1), math.log(self.n_ham + 1)
            for tok in self.spam.keys() | self.ham.keys():
                s, h = self.spam.get(tok, 0), self.ham.get(tok, 0)
                if s + h < 2:
                    continue
                ratio = math.log(s + 0.5) - spam_total - math.log(h + 0.5) + ham_total
                weights[tok] = max(-2.0, min(2.0, ratio))
            self._weights = weights
        return self._weights

    def probability(self, text: str, toks=None) -> float:
        """P(spam | tokens): the prior plus the capped weight of each token present."""
        if not self.n_spam or not self.n_ham:
            return 0.5
        toks = toks if toks is not None else tokens(text)
        weights = self.weights()
        known = [weights[t] for t in toks if t in weights]
        # A long text has hundreds of weakly spammy pairs of characters (news is copied into SEO
        # shells): past EVIDENCE tokens the sum is scaled down, so length alone does not decide.
        scale = min(1.0, EVIDENCE / max(1, len(known)))
        log_odds = math.log(self.n_spam / self.n_ham) + sum(known) * scale
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

    brands = Counter()
    for m in BRAND_SUFFIX_RE.finditer(lowered):
        head = BRAND_HEAD_RE.search(lowered, max(0, m.start() - 2), m.start())
        if head:
            brands[head.group() + m.group()] += 1
    top = brands.most_common(1)
    if top and top[0][1] >= 3:
        add(
            min(0.5, 0.15 * top[0][1]),
            _("the name “%(name)s” repeated %(n)d times") % {"name": top[0][0], "n": top[0][1]},
        )
    sites = [s for s in URL_RE.findall(text) if not OFFICIAL_RE.search(s)]
    if sites:
        add(min(0.45, 0.3 * len(sites)), _("web addresses (%(n)d)") % {"n": len(sites)})
    contacts = CONTACT_RE.findall(lowered)
    phones = PHONE_RE.findall(text)
    if contacts:
        add(0.25, _("asks to be contacted on WeChat, QQ or similar"))
    elif SOFT_CONTACT_RE.search(text):
        add(0.1, _("asks for private messages"))
    if phones and (contacts or len(phones) > 1):
        add(0.1, _("phone numbers"))
    for p, reason in features.vocabulary(lowered):
        add(p, reason)
    for p, reason in features.shell(text, lowered, sites=len(sites)):
        add(p, reason)
    for p, reason in features.pitch(text):
        add(p, reason)
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
            # Alone, the classifier cannot hold a text: genuine news sits in the middle of SEO shells,
            # so a resident forwarding it reads like spam to a bag of words. The rules must see something.
            points += (0.5 if points >= 0.25 else 0.3) * (p - 0.5) / 0.5
            if p > 0.8:
                reasons.append(
                    _("reads like the spam staff removed before (%(p)d%%)") % {"p": round(p * 100)}
                )
    account, why = _account(signals)
    points += account if points > 0.1 or account > 0 else 0
    reasons += why if points >= HOLD else []
    value = round(max(0.0, min(1.0, points)), 3)
    if any(w and w.lower() in lowered for w in (words or {}).get("block", ())):
        value = 1.0  # a blocked word refuses the text whoever writes it, staff included
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
