"""Signals of spam that do not depend on the words of one kind of spam (scoring.py adds them up).

- the SEO shell: a name that is not a dictionary word (jieba's dictionary) or an alphanumeric code
  stands alone in the first line and comes back in the body; brand + code tokens ("XX网址 ab123");
  site words (网址, 官网, 登录, 下载APP, 随时关注); furniture copied from the page it was scraped from
  (本文来自网友发表, 支持楼主, 阅读原文, 全部评论 默认 最新 楼主, Sitemap…); lists of fake comments
  (names with levels "LV8 六年级", "来自<province>") and of unrelated headlines; emoji at line ends;
  a first line that shares nothing with the body it stands over;
- the vocabulary of each kind of grey trade (kept with its weight in VOCAB).

Pure functions over the text; about 0.3 ms for a 6 KB text. jieba is used on the first line only.
"""

import re
from collections import Counter

from django.utils.translation import gettext_lazy as _

EMOJI_RE = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\U0001f000-\U0001f2ff]")
CJK_RUN_RE = re.compile(r"[\u4e00-\u9fff]{2,10}")
# A site's code: letters then digits (ab123, hth520, bw66), standing alone.
CODE_RE = re.compile(r"(?<![A-Za-z0-9.@/])([A-Za-z]{1,5}\d{2,6})(?![A-Za-z0-9.])")
# What may stand between a brand and its code: "XX网址 ab123", "【XX】ab123", "XX（ab123）".
BRAND_BEFORE_CODE_RE = re.compile(r"[\u4e00-\u9fff]{2}[\s（(【】:：]{0,3}$")
SITE_WORDS = [
    "网址",
    "官网",
    "登录入口",
    "官方入口",
    "下载app",
    "随时关注",
    "随时随地关注",
    "安装应用",
    "手机版",
    "最新地址",
    "备用网址",
    "客户端",
    "永久地址",
]
FURNITURE = [
    "本文来自网友发表",
    "不代表本网站观点",
    "支持楼主",
    "阅读原文",
    "全部评论",
    "默认 最新",
    "热点推荐",
    "安装应用",
    "随时随地关注",
    "sitemap",
    "分享到",
    "返回顶部",
    "相关阅读",
    "加载更多",
    "上一篇",
    "下一篇",
    "版权所有",
    "免责声明",
    "打开app",
    "查看全部评论",
    "举报",
    "收藏",
    "点赞",
]
COMMENT_LINE_RE = re.compile(
    r"\bLV\s?\d{1,2}\b|[一二三四五六]年级|来自(?:[\u4e00-\u9fff]{2,3})\s*$|^\S{2,12}\s+LV", re.I
)
SENTENCE_END_RE = re.compile(r"[。，,！!？?：:；;]")

# (weight, label, words): the grey trades. One word counts half, three or more the full weight.
VOCAB = {
    "gambling": (
        0.4,
        _("gambling words"),
        [
            "博彩",
            "娱乐城",
            "百家乐",
            "老虎机",
            "真人荷官",
            "荷官",
            "真人视讯",
            "体育投注",
            "首存",
            "首充",
            "彩金",
            "体验金",
            "返水",
            "龙虎斗",
            "电竞竞猜",
            "竞猜",
            "下注",
            "投注",
            "赌场",
            "棋牌",
            "提现到账",
            "提款",
            "出款",
            "赔率",
            "时时彩",
            "六合彩",
            "回本",
            "稳赢",
            "串关",
            "casino",
            "betting",
            "slots",
            "baccarat",
            "jackpot",
            "free spins",
            "sportsbook",
            "deposit bonus",
        ],
    ),
    "loan": (
        0.4,
        _("loan words"),
        [
            "无抵押",
            "无担保",
            "秒批",
            "秒到账",
            "当天放款",
            "当天到账",
            "下款",
            "不看征信",
            "征信",
            "低息",
            "日息",
            "网贷",
            "套现",
            "代还",
            "黑户",
            "贷款",
            "额度",
            "面签",
            "能借",
            "借款",
            "身份证即可",
            "大数据",
            "逾期",
            "payday loan",
            "no credit check",
            "bad credit",
            "loans approved",
        ],
    ),
    "invoice": (
        0.4,
        _("invoice selling"),
        ["代开", "发票", "专票", "普票", "税点", "点数", "有票", "票源", "真票", "查验", "老板"],
    ),
    "jobs": (
        0.4,
        _("paid-task and part-time scam words"),
        [
            "刷单",
            "日结",
            "日赚",
            "日入",
            "躺赚",
            "月入过万",
            "副业",
            "兼职",
            "打字员",
            "点赞员",
            "关注员",
            "佣金",
            "返本金",
            "宝妈",
            "不压款",
            "轻松",
            "earn $",
            "no experience",
            "work from home",
        ],
    ),
    "fakes": (
        0.4,
        _("counterfeit goods"),
        [
            "高仿",
            "一比一",
            "原单",
            "复刻",
            "a货",
            "精仿",
            "尾货",
            "专柜",
            "正品",
            "渠道货",
            "假一赔十",
            "验货",
            "一模一样",
            "工厂货",
            "大牌",
        ],
    ),
    "adult": (
        0.45,
        _("adult services"),
        [
            "上门服务",
            "同城",
            "学生妹",
            "少妇",
            "包夜",
            "快餐",
            "全套",
            "丝足",
            "私密",
            "特殊服务",
            "一条龙",
            "美女",
            "寂寞",
            "约见面",
            "技师",
            "会所",
            "真实照片",
            "照片真实",
        ],
    ),
    "accounts": (
        0.4,
        _("account trading"),
        [
            "微信号",
            "qq号",
            "抖音号",
            "快手号",
            "实名",
            "老号",
            "白号",
            "四件套",
            "换绑",
            "改密",
            "收购",
            "收微信",
            "租用",
            "不封",
            "账号",
            "换钱",
        ],
    ),
    "stocks": (
        0.4,
        _("stock-tip groups"),
        [
            "牛股",
            "涨停",
            "荐股",
            "股票群",
            "内部消息",
            "主力",
            "跟庄",
            "建仓",
            "私募",
            "进群",
            "解套",
            "打新",
            "必涨",
            "上车",
            "开盘",
            "翻倍",
            "胜率",
            "潜力股",
            "老师带",
            "稳赚",
        ],
    ),
    "prizes": (
        0.4,
        _("prize and lottery scams"),
        [
            "恭喜您",
            "幸运用户",
            "中奖",
            "抽中",
            "兑奖",
            "手续费",
            "领取",
            "大奖",
            "一等奖",
            "过期作废",
            "待领取",
            "gift card",
            "you have won",
        ],
    ),
    "seo": (
        0.4,
        _("SEO and promotion services"),
        [
            "快速排名",
            "首页",
            "seo",
            "关键词排名",
            "收录",
            "外链",
            "霸屏",
            "发帖",
            "软文",
            "引流",
            "涨粉",
            "代运营",
            "推广",
            "权重",
            "精准客户",
            "不收费",
            "不收钱",
        ],
    ),
    "promo": (
        0.45,
        _("advertising words"),
        [
            "减肥",
            "瘦身",
            "瘦下来",
            "燃脂",
            "排毒",
            "纤体",
            "不反弹",
            "不节食",
            "无效退款",
            "全额退款",
            "天见效",
            "见效快",
            "副作用",
            "神器",
            "都在用",
            "都在抢",
            "新店开业",
            "隆重开业",
            "酬宾",
            "体验价",
            "欢迎光临",
            "限时",
            "特价",
            "买二送一",
            "全场",
            "五折",
            "心动不如行动",
            "错过再等",
            "先到先得",
            "放松",
            "一流",
            "贴心服务",
            "祛斑",
            "美白",
            "增高",
            "生发",
            "保健",
            "厂家直销",
            "包邮",
            "货到付款",
            "viagra",
            "cialis",
            "prescription",
            "guaranteed",
            "click",
            "crypto",
            "followers",
        ],
    ),
    "trending": (
        0.15,
        _("unrelated headlines"),
        ["热搜", "今日头条", "热议", "网友评论", "热评", "曝光", "炸锅", "官宣"],
    ),
}
_VOCAB_RE = {
    key: re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    for key, (_w, _l, words) in VOCAB.items()
}


def vocabulary(lowered: str):
    """[(points, reason)] for the grey-trade words found."""
    found = []
    for key, (weight, label, _words) in VOCAB.items():
        hits = list(dict.fromkeys(_VOCAB_RE[key].findall(lowered)))
        if hits:
            found.append(
                (
                    weight * min(1.0, 0.25 + 0.25 * len(hits)),
                    _("%(kind)s: %(words)s") % {"kind": label, "words": "、".join(hits[:4])},
                )
            )
    return found


# The shape of a sales pitch, whatever is sold: each kind of phrase counts once.
PITCH = [
    re.compile(r"[！!]"),
    re.compile(r"\d+\s*(?:元|万|块|斤|%)"),
    re.compile(r"无效|保证|包[退赔过下售]|不成功不收费|稳[赚赢]|秒[到批]|当天|全国"),
    re.compile(r"限时|只限|仅限|名额有限|速来|抓紧|错过|先到先得|今天|本周"),
    re.compile(r"最高|最低|一流|顶级|第一|神器|正品|专业"),
    EMOJI_RE,
]


def pitch(text: str):
    """[(points, reason)] when three or more marks of a sales pitch come together."""
    marks = sum(1 for pattern in PITCH if pattern.search(text))
    if marks >= 3:
        return [(0.05 * marks, _("reads like a sales pitch"))]
    return []


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def _dictionary():
    from .scoring import jieba

    return jieba().dt.FREQ


def brand(first: str, rest: str) -> str:
    """The longest name in the first line that comes back in the body and is not a dictionary word ('' if none)."""
    freq = _dictionary()
    best = ""
    for run in CJK_RUN_RE.findall(first):
        for size in range(min(8, len(run)), 1, -1):
            if size <= len(best):
                break
            for start in range(len(run) - size + 1):
                name = run[start : start + size]
                if not freq.get(name) and name in rest:
                    best = name
                    break
    return best


def shell(text: str, lowered: str, sites: int = 0):
    """[(points, reason)] for the marks of an SEO shell and of scraped pages."""
    found = []
    lines = _lines(text)
    first = lines[0] if lines else ""
    rest = "\n".join(lines[1:])
    codes = Counter(m.lower() for m in CODE_RE.findall(text))
    code, code_count = codes.most_common(1)[0] if codes else ("", 0)
    first_code = bool(code) and code in first.lower()
    site_words = [w for w in SITE_WORDS if w in lowered]
    first_bare = EMOJI_RE.sub("", re.sub(r"[\W_]+", "", first))
    short_first = len(first_bare) <= 20 and len(lines) >= 3

    name = brand(first, rest) if short_first else ""
    if name and (
        first_code or EMOJI_RE.search(first) or any(w in first.lower() for w in SITE_WORDS)
    ):
        found.append(
            (
                0.4,
                _("the name “%(name)s” stands alone in the first line and comes back in the text")
                % {"name": name},
            )
        )
    brand_codes = [
        m.group(1)
        for m in CODE_RE.finditer(text)
        if BRAND_BEFORE_CODE_RE.search(text, max(0, m.start() - 5), m.start())
    ]
    if code_count >= 2 and brand_codes:
        found.append((0.4, _("a site code repeated (“%(code)s”)") % {"code": code}))
    elif brand_codes and site_words:
        found.append((0.25, _("a site name with a code (“%(code)s”)") % {"code": brand_codes[0]}))
    if site_words:
        # 官网 and 登录 are ordinary words too (the city's website, an app to log in to): they count
        # fully only next to something that names a site (a code, an address, a name in the first line).
        named = bool(code_count or brand_codes or name or sites)
        found.append(
            (
                min(0.25, 0.1 * len(site_words)) if named else min(0.1, 0.05 * len(site_words)),
                _("site words: %(words)s") % {"words": "、".join(site_words[:4])},
            )
        )
    furniture = [f for f in FURNITURE if f in lowered]
    if len(furniture) >= 2:
        found.append(
            (
                min(0.5, 0.15 * len(furniture)),
                _("copied page furniture: %(words)s") % {"words": "、".join(furniture[:4])},
            )
        )
    comments = sum(1 for line in lines[1:] if COMMENT_LINE_RE.search(line))
    if comments >= 2:
        found.append(
            (min(0.45, 0.15 * comments), _("a list of made-up comments (%(n)d)") % {"n": comments})
        )
    bare = [
        line
        for line in lines[1:]
        if 6 <= len(line) <= 32 and not SENTENCE_END_RE.search(line) and not line[-1].isdigit()
    ]
    if len(bare) >= 4 and len(bare) * 3 >= len(lines):
        found.append((0.2, _("a list of unrelated headlines (%(n)d)") % {"n": len(bare)}))
    ends = sum(1 for line in lines if EMOJI_RE.search(line[-2:]))
    if len(lines) >= 3 and (ends >= 3 or (EMOJI_RE.search(first) and ends >= 2)):
        found.append((0.15, _("emoji decorating the lines (%(n)d)") % {"n": ends}))
    if short_first and first_bare and len(rest) > 200 and (first_code or name):
        body = rest[:3000].replace(name or "\0", "")
        title = set(_bigrams(first_bare)) - set(_bigrams(name))
        if not any(pair in body for pair in title):
            found.append((0.1, _("the first line has nothing to do with the text")))
    return found


def _bigrams(text):
    return [run[i : i + 2] for run in CJK_RUN_RE.findall(text) for i in range(len(run) - 1)]
