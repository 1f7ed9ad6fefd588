"""The labelled corpus (corpus.jsonl): seeded generators over hand-written fragments, plus hand-written samples.

    python -m linli.moderation.corpus.generate      # rewrites corpus.jsonl; the same bytes every run

Each row: {"label": "spam"|"ham", "kind": …, "source": "generated"|"hand", "text": …}. The spam kinds are
the ones evaluate.py leaves out one at a time (SPAM_KINDS); the ham kinds include the hard cases (news a
resident forwards with its source, gov.cn named for a good reason, second-hand sales, long committee
announcements, English, complaints about money, phones or rooms). Every kind has its own generator and
its own random stream (seed + kind), so adding a kind does not change the others.
"""

import json
import random
from pathlib import Path

from . import fragments as F
from .handwritten import HAND

OUT = Path(__file__).with_name("corpus.jsonl")
SEED = 17
PER_SPAM_KIND = 72
SPAM_KINDS = [
    "seo_neighborhood",
    "seo_city",
    "seo_national",
    "gambling",
    "loan",
    "invoice",
    "parttime",
    "fake_product",
    "adult",
    "account_trading",
    "stock_group",
    "lottery_prize",
    "seo_service",
    "no_contact_ad",
]
HAM_KINDS = {
    "everyday": 330,
    "news_forward": 110,
    "gov_mention": 90,
    "secondhand": 130,
    "announcement": 90,
    "english": 90,
    "complaint_money": 110,
    "shop_question": 60,
}


def _digits(r, n):
    return "".join(str(r.randint(0, 9)) for _ in range(n))


def _phone(r):
    return "1" + r.choice("3456789") + _digits(r, 9)


def _emo(r, lo, hi):
    return "".join(r.choice(F.EMOJI) for _ in range(r.randint(lo, hi)))


def _contact(r, allow_none=True):
    options = [
        lambda: f"加微信 {r.choice(['xyz', 'vip', 'kf', 'a', 'zz'])}{r.randint(100, 99999)}",
        lambda: f"V：{r.choice(['', 'wx'])}{_digits(r, 8)}",
        lambda: f"电话{_phone(r)}",
        lambda: f"扣扣{r.randint(1000000, 999999999)}",
        lambda: f"+V {r.choice(['ss', 'dd', 'mm'])}{r.randint(10, 9999)}",
        lambda: f"薇♥：{r.choice(['hk', 'lx', 'qq'])}{r.randint(1000, 99999)}",
        lambda: f"飞机 @{r.choice(['kefu', 'vip', 'boss'])}{r.randint(10, 999)}",
        lambda: f"tg：{r.choice(['kefu', 'vip'])}{r.randint(10, 999)}",
    ]
    if allow_none:
        options.append(lambda: r.choice(["详情私聊", "有意私信", "私我", "看我主页"]))
    return r.choice(options)()


def _domain(r):
    return (
        r.choice(["www.", "", "m."])
        + "".join(r.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(r.randint(2, 4)))
        + _digits(r, r.randint(2, 4))
        + r.choice([".com", ".vip", ".cc", ".top", ".xyz", ".app", ".net"])
    )


# ------------------------------------------------------------------ spam


def _seo_shell(r, news):
    brand = r.choice(F.SHELL_BRANDS) + r.choice(F.SHELL_SUFFIX)
    code = "".join(r.choice("abcdefghkmnpqrstwxyz") for _ in range(r.randint(1, 3))) + _digits(
        r, r.randint(2, 4)
    )
    head_forms = [
        f"{brand}网址 {code}",
        f"{_emo(r, 1, 3)}{brand} {code}{_emo(r, 1, 3)}",
        f"【{brand}】{code}",
        f"{brand}{r.choice(F.SHELL_SITEWORDS)}：{code}",
        f"{brand} {code} {r.choice(F.SHELL_SITEWORDS)}",
        f"{brand}（{code}）{_emo(r, 0, 2)}",
    ]
    lines = [r.choice(head_forms)]
    if r.random() < 0.5:
        lines.append(r.choice(F.FURNITURE).format(b=brand))
    article = r.sample(news, r.randint(2, min(5, len(news))))
    cut = r.randint(1, len(article))
    lines += article[:cut]
    lines.append(
        r.choice(
            [
                f"{brand}{r.choice(F.SHELL_SITEWORDS)} {code}{_emo(r, 0, 2)}",
                f"{_emo(r, 1, 2)}{brand}{code}",
                f"随时随地关注{brand}",
                f"更多精彩请访问{brand} {code}",
            ]
        )
    )
    lines += article[cut:]
    furniture = r.sample(F.FURNITURE, r.randint(2, 6))
    lines += [f.format(b=brand) for f in furniture]
    if r.random() < 0.75:
        for _i in range(r.randint(2, 6)):
            who = r.choice(F.NAMES)
            level = r.choice(F.LEVELS) if r.random() < 0.7 else ""
            where = f"来自{r.choice(F.CITIES)}" if r.random() < 0.6 else ""
            lines.append(
                " ".join(p for p in [who, level, r.choice(F.HEADLINES) + _emo(r, 0, 2), where] if p)
            )
    if r.random() < 0.5:
        lines.append("热点推荐")
        lines += [h + _emo(r, 0, 1) for h in r.sample(F.HEADLINES, r.randint(2, 5))]
    if r.random() < 0.4:
        lines.append(f"Sitemap {brand} {code}")
    return "\n".join(lines)


def seo_neighborhood(r):
    return _seo_shell(r, F.NEWS_NEIGHBORHOOD)


def seo_city(r):
    return _seo_shell(r, F.NEWS_CITY)


def seo_national(r):
    return _seo_shell(r, F.NEWS_NATIONAL)


def gambling(r):
    brand = r.choice(F.SHELL_BRANDS) + r.choice(["娱乐", "体育", "国际", "棋牌", "娱乐城", "彩票"])
    games = r.sample(
        [
            "百家乐",
            "老虎机",
            "真人视讯",
            "体育投注",
            "电竞竞猜",
            "捕鱼",
            "龙虎斗",
            "六合彩",
            "时时彩",
            "斗地主赢现金",
        ],
        3,
    )
    pitch = r.choice(
        [
            f"{brand}，{'、'.join(games)}应有尽有，首存送{r.choice(['38', '58', '88', '100%'])}彩金，每日返水{r.choice(['1.2%', '无上限', '秒到'])}",
            f"在{brand}玩{games[0]}，一晚上赢了{r.randint(2, 50)}万，提现秒到账，信誉平台大额无忧",
            f"{games[0]}稳赢技巧，跟着计划下注，{brand}带你回本，输了包赔",
            f"新人注册{brand}送{r.randint(18, 188)}元体验金，{games[1]}{games[2]}随便玩，出款快",
        ]
    )
    tail = r.choice(
        [_domain(r), _contact(r), f"{brand}{r.choice(F.SHELL_SITEWORDS)}：{_domain(r)}", ""]
    )
    return f"{_emo(r, 0, 3)}{pitch}！{tail}{_emo(r, 0, 3)}"


def loan(r):
    a = r.choice(
        [
            "急用钱？",
            "无抵押无担保",
            "征信花了也能贷",
            "大额低息",
            "信用卡代还",
            "网贷逾期上岸",
            "房产抵押",
            "装修贷经营贷",
            "学生也能借",
            "手机号就能借",
        ]
    )
    b = r.choice(
        [
            "当天放款，秒批秒到账",
            f"日息低至{r.choice(['0.02%', '万三', '0.3%'])}，不看征信不查大数据",
            f"身份证即可办理，最高{r.choice(['5', '20', '50'])}万",
            "黑户白户都能下款",
            "全国可办，额度高，利息低",
            "不成功不收费，包下款",
            "专业团队帮你养征信提额度",
        ]
    )
    return f"{a}{b}！{_contact(r)} {_emo(r, 0, 2)}"


def invoice(r):
    what = r.choice(
        [
            "增值税专票",
            "普票",
            "餐饮发票",
            "住宿发票",
            "运输发票",
            "建筑发票",
            "劳务发票",
            "各行业发票",
        ]
    )
    pitch = r.choice(
        [
            f"长期代开{what}，税点低，可上网查验后付款",
            f"正规公司代开{what}，点数优惠，真票可查",
            f"需要{what}的老板看过来，全国可开，当天寄出",
            f"公司有多余{what}额度，低价出，票源充足",
        ]
    )
    return f"{pitch}，{_contact(r)}{_emo(r, 0, 2)}"


def parttime(r):
    job = r.choice(
        [
            "手机打字员",
            "点赞员",
            "淘宝刷单",
            "抖音关注员",
            "网络兼职",
            "在家手工活",
            "宝妈兼职",
            "学生兼职",
        ]
    )
    pay = r.choice(
        [
            f"日结{r.randint(100, 500)}元",
            f"一单{r.randint(5, 30)}元佣金",
            "月入过万不是梦",
            f"日赚{r.randint(200, 800)}",
            "当天结算不压款",
        ]
    )
    tail = r.choice(
        [
            "无需押金，在家就能做",
            "只需一部手机，时间自由",
            "先做任务后返本金",
            "名额有限，速来",
            "不收任何费用",
        ]
    )
    return f"{_emo(r, 0, 2)}招{job}，{pay}，{tail}！{_contact(r)}"


def fake_product(r):
    item = r.choice(
        ["名表", "大牌包包", "AJ球鞋", "奢侈品腰带", "香水", "iPhone", "茅台", "中华烟"]
    )
    pitch = r.choice(
        [
            f"{item}高仿一比一，原厂品质，专柜验货",
            f"{item}原单尾货，复刻顶级版本，细节对比正品",
            f"工厂直销{item}，A货精仿，价格是专柜的零头",
            f"{item}渠道货，内部价出，假一赔十",
        ]
    )
    return (
        f"{pitch}，{r.choice(['顺丰包邮', '货到付款', '支持验货'])}，{_contact(r)}{_emo(r, 0, 2)}"
    )


def adult(r):
    pitch = r.choice(
        [
            "同城上门服务，学生妹少妇任选，包夜价格优惠",
            "高端会所新到技师，年轻漂亮，全套服务，安全私密",
            "寂寞了吗？附近的美女等你来约，真实照片，不满意换人",
            "丝足保健，私密spa，一条龙服务，24小时营业",
            "同城交友，今晚约见面，快餐包夜都可以",
            "男士专属会所，特殊服务，环境私密有保障",
        ]
    )
    return f"{_emo(r, 0, 3)}{pitch}{_emo(r, 0, 2)} {_contact(r)}"


def account_trading(r):
    acct = r.choice(
        [
            "微信号",
            "QQ号",
            "抖音号",
            "快手号",
            "实名支付宝",
            "游戏账号",
            "老号",
            "白号",
            "银行卡四件套",
        ]
    )
    pitch = r.choice(
        [
            f"高价收购{acct}，当天结算，量大从优",
            f"出售{acct}，实名认证，可改密可换绑，包售后",
            f"批量出{acct}，养了三年的老号，稳定不封",
            f"长期收{acct}，闲置的都可以换钱，{r.randint(50, 300)}元一个",
            f"{acct}租用，一天{r.randint(20, 100)}元，躺着赚钱",
        ]
    )
    return f"{pitch}，{_contact(r)}{_emo(r, 0, 2)}"


def stock_group(r):
    pitch = r.choice(
        [
            f"明天必涨的牛股免费送，{r.choice(['王老师', '李老师', '首席分析师'])}带你抓涨停",
            "内部消息，主力资金已建仓，跟庄操作稳赚不赔",
            f"加入股票交流群，每天推荐{r.randint(1, 3)}只潜力股，上周胜率{r.randint(80, 98)}%",
            "私募内部群免费进，名额有限，带你三个月翻倍",
            "炒股亏了的朋友别灰心，资深老师一对一指导解套回本",
            "新股中签秘诀，打新必中，进群领取",
        ]
    )
    return f"{_emo(r, 0, 2)}{pitch}！{_contact(r)}"


def lottery_prize(r):
    prize = r.choice(
        [
            "iPhone 16",
            "五千元现金",
            "电动车一辆",
            "金条一根",
            "华为手机",
            "购物卡一千元",
            "免单大礼包",
        ]
    )
    pitch = r.choice(
        [
            f"恭喜您被抽中为幸运用户，获得{prize}，请尽快领取",
            f"周年庆大抽奖，您的手机号已中奖：{prize}，过期作废",
            f"恭喜！您参与的活动中了{prize}，只需支付少量手续费即可兑奖",
            f"您有一份{prize}待领取，点击链接填写地址",
        ]
    )
    return f"{_emo(r, 0, 2)}{pitch}{r.choice([' ' + _domain(r), '，' + _contact(r), '：' + _domain(r)])}"


def seo_service(r):
    pitch = r.choice(
        [
            "百度首页快速排名，七天上首页，不上不收费",
            "专业SEO优化，关键词排名，包收录，外链代发",
            "全网推广霸屏，论坛发帖代发，软文营销一条龙",
            "网站快速收录，百度权重提升，按天扣费",
            "小红书抖音代运营，涨粉引流，精准客户",
            "各大论坛贴吧批量发帖推广，效果看得见",
        ]
    )
    return f"{pitch}，{_contact(r)}{_emo(r, 0, 2)}"


def no_contact_ad(r):
    diet = [
        f"纯植物配方，一个月瘦{r.randint(8, 30)}斤，不节食不运动不反弹",
        "燃脂排毒，喝一周小肚子就平了，明星都在用",
        f"{r.choice(['酵素', '代餐奶昔', '瘦身茶', '纤体丸'])}限时特价，买二送一，无效退款",
        "产后妈妈瘦身神器，躺着就能瘦，效果看得见",
    ]
    massage = [
        "新店开业，专业技师手法好，足疗推拿SPA一条龙，开业大酬宾",
        "养生会所隆重开业，年轻技师，贴心服务，让您全身放松",
        "高端按摩会所，环境优雅私密，舒缓疲劳，体验价仅需98元",
        "泰式按摩精油开背，美女技师为您服务，欢迎光临",
    ]
    other = [
        "祛斑美白，七天见效，纯中药成分，无任何副作用",
        "增高神器，坚持三个月长高五厘米，家长都在抢",
        "头发稀少？生发液涂抹一周长出新发，无效全额退款",
    ]
    pitch = r.choice(r.choice([diet, massage, other]))
    extra = r.choice(
        [
            "名额有限，先到先得",
            "心动不如行动",
            "错过再等一年",
            "只限本周",
            "老顾客带新顾客再送一次",
            "",
        ]
    )
    return f"{_emo(r, 0, 3)}{pitch}！{extra}{_emo(r, 0, 3)}"


# ------------------------------------------------------------------ ham

_T = {
    "repair": (
        [
            "家里",
            "楼道里",
            "卫生间",
            "厨房",
            "阳台",
            "地库",
            "单元门口",
            "电梯间",
            "3号楼",
            "小区东门",
        ],
        [
            "的灯坏了",
            "的水管漏水",
            "的门禁刷不开",
            "的墙皮脱落",
            "的下水道堵了",
            "的窗户关不上",
            "的消防栓在滴水",
            "的地砖翘起来了",
        ],
        [
            "，已经报修三天了还没人来。",
            "，请问应该找物业还是自己找师傅？",
            "，物业说要排队，有点着急。",
            "，有没有靠谱的师傅推荐？",
            "，老人小孩经过很危险。",
            "，麻烦物业看一下。",
        ],
    ),
    "pet": (
        ["我家的", "邻居家的", "楼下捡到一只", "有人在车库看到一只", "找一只走失的"],
        ["白色泰迪", "黑色小猫", "金毛", "柯基", "三花猫", "小柴犬", "鹦鹉", "狸花猫"],
        [
            "，昨天傍晚在中心花园附近走丢的，有消息请联系我。",
            "，很亲人，应该是谁家养的，主人看到请来认领。",
            "，戴着蓝色项圈，谢谢大家帮忙留意。",
            "，已经带回家了，先帮忙养着，主人速来。",
            "，找到了！谢谢帮忙转发的邻居们。",
        ],
    ),
    "event": (
        ["这周六", "下周日上午", "本月最后一个周五晚上", "国庆节期间", "明天下午"],
        [
            "一米会客厅有读书会",
            "小区广场有跳蚤市场",
            "居委会组织免费义诊",
            "社区有垃圾分类宣传活动",
            "有儿童绘画比赛",
            "有老年人智能手机培训课",
            "组织邻里百家宴",
        ],
        [
            "，欢迎大家报名参加。",
            "，名额有限，先到先得。",
            "，需要几位志愿者帮忙布置场地。",
            "，可以带家里的孩子一起来。",
            "，有兴趣的在下面留言。",
        ],
    ),
    "question": (
        ["请问居委会，", "想问一下，", "问下各位邻居，", "咨询一下，", "有谁知道"],
        [
            "老年卡在哪里办",
            "新生儿落户需要什么材料",
            "小区停车位怎么申请",
            "电动车充电桩什么时候装好",
            "疫苗接种点在哪里",
            "社区食堂几点开门",
            "居住证续签要多久",
        ],
        ["？谢谢！", "？网上查了半天没找到。", "？周末能办吗？", "？麻烦知道的说一下。", "？"],
    ),
    "neighbor": (
        ["感谢", "表扬一下", "谢谢", "点赞"],
        [
            "5号楼的李师傅",
            "物业的保洁阿姨",
            "帮我找到钱包的邻居",
            "志愿者小张",
            "楼组长陈阿姨",
            "门卫刘大爷",
        ],
        [
            "，大冬天一早就在扫雪。",
            "，帮我把老人送到了医院。",
            "，一直帮大家代收快递。",
            "，每天检查楼道消防设施。",
            "，主动帮忙修好了单元门。",
        ],
    ),
}
_EXTRA = [
    "谢谢大家。",
    "",
    "",
    "辛苦了！",
    "有知道的邻居回复一下。",
    "先谢过了。",
    "",
    "我住在3号楼。",
]


def everyday(r):
    if r.random() < 0.08:
        return r.choice(F.HAM_FULL)
    a, b, c = _T[r.choice(list(_T))]
    text = r.choice(a) + r.choice(b) + r.choice(c) + r.choice(_EXTRA)
    if r.random() < 0.15:
        text += r.choice(["👍", "🙏", "😊", "❤️"])
    return text


def news_forward(r):
    pool = r.choice([F.NEWS_NEIGHBORHOOD, F.NEWS_CITY, F.NEWS_NATIONAL])
    source = r.choice(F.NEWS_SOURCES)
    body = "".join(r.sample(pool, r.randint(1, 3)))
    opener = r.choice(
        [
            f"转一条{source}的新闻：",
            f"看到{source}报道，",
            "转发给大家看看：",
            f"【转】来源：{source}\n",
            "大家关注一下这条消息：",
        ]
    )
    closer = r.choice(
        [
            f"（来源：{source}）",
            f"原文链接在{source}上可以搜到。",
            "咱们小区是不是也可以这样做？",
            "大家怎么看？",
            "希望我们这边也能早点落实。",
            "",
        ]
    )
    return f"{opener}{body}{closer}"


def gov_mention(r):
    what = r.choice(
        [
            ("居住证续签", "可以在市政府网站www.shanghai.gov.cn上查到需要的材料"),
            ("医保报销", "国家医保局官网www.nhsa.gov.cn有异地就医备案的流程"),
            ("老旧小区改造", "住建部网站www.mohurd.gov.cn上有政策原文"),
            ("个税退税", "登录个人所得税APP就能办，税务局官网也有说明"),
            ("新生儿落户", "公安局官网上写着要带出生证明和户口本"),
            ("养老金调整", "人社部官网www.mohrss.gov.cn发了通知"),
            ("垃圾分类新规", "区政府官网上有完整的分类指南可以下载"),
            ("电动车上牌", "交警支队官网可以网上预约，不用排队"),
        ]
    )
    opener = r.choice(["", "给大家分享一下，", "之前有邻居问", "提醒一下，", "我查了一下，"])
    tail = r.choice(
        [
            "，大家可以去看看。",
            "，我昨天刚办完，挺顺利的。",
            "，有不清楚的可以问居委会。",
            "。",
            "，比打电话问快多了。",
        ]
    )
    return f"{opener}关于{what[0]}，{what[1]}{tail}"


def secondhand(r):
    item = r.choice(
        [
            "洗衣机",
            "实木餐桌",
            "宝宝安全座椅",
            "绿萝两盆",
            "电动车",
            "小学课本一套",
            "跑步机",
            "婴儿推车",
            "冰箱",
            "钢琴",
            "沙发",
            "空调",
            "儿童床",
            "手机",
            "iPad",
            "电饭煲",
        ]
    )
    cond = r.choice(
        ["九成新", "八成新", "用了一年", "全新未拆封", "有点划痕但功能正常", "搬家处理"]
    )
    price = r.choice(
        [
            f"{r.randint(2, 80) * 10}元",
            "免费送",
            "价格可议",
            f"原价{r.randint(10, 90) * 100}，现价{r.randint(1, 9) * 100}",
        ]
    )
    where = r.choice(["小区内自提", "可以送到楼下", f"{r.randint(1, 12)}号楼自提", "只限本小区"])
    how = r.choice(["有意私信", "需要的邻居留言", "先到先得", f"电话{_phone(r)}", "联系我", ""])
    return (
        f"{r.choice(['出', '转让', '闲置', '便宜出', '送'])}{item}，{cond}，{price}，{where}。{how}"
    )


def announcement(r):
    topic = r.choice(
        [
            ("关于开展消防安全检查的通知", "各楼组请配合检查楼道堆物和电动车充电情况"),
            ("关于召开业主大会的公告", "会议将表决物业服务合同续签和公共收益使用方案"),
            ("关于小区停水的通知", "因二次供水设施改造，届时将暂停供水"),
            ("关于垃圾分类督导时间调整的通知", "督导时间调整为早上七点到九点、晚上六点到八点"),
            ("关于加装电梯意见征询的公告", "请各单元业主在规定时间内填写意见征询表"),
            ("关于开展冬季慰问独居老人的通知", "请楼组长统计本楼独居老人名单并上报"),
        ]
    )
    paras = [
        f"{topic[0]}",
        f"各位居民：为做好本社区工作，{topic[1]}。",
        f"时间：{r.randint(1, 12)}月{r.randint(1, 28)}日{r.choice(['上午九点', '下午两点', '全天'])}。地点：{r.choice(['居委会二楼会议室', '一米会客厅', '小区中心广场', '各单元门口'])}。",
    ]
    paras += r.sample(F.NEWS_NEIGHBORHOOD, r.randint(2, 4))
    paras += [
        "请各位居民相互转告，有疑问请在工作时间到居委会咨询，或拨打居委会电话。",
        r.choice(["联系人：张老师", "联系人：王主任", "值班电话见公告栏"]),
        f"{r.choice(['光明', '幸福', '和平', '新村'])}居民委员会",
        f"{r.randint(2024, 2026)}年{r.randint(1, 12)}月{r.randint(1, 28)}日",
    ]
    return "\n".join(paras)


def english(r):
    if r.random() < 0.1:
        return r.choice(F.HAM_ENGLISH)
    n = r.randint(1, 15)
    body = r.choice(F.EN_BODY).format(
        n=n, item=r.choice(F.EN_ITEMS), p=r.randint(1, 20) * 50, pet=r.choice(F.EN_PETS)
    )
    opener = r.choice(F.EN_OPEN)
    text = f"{opener} {body}." if opener else body[0].upper() + body[1:] + "."
    return (text + " " + r.choice(F.EN_CLOSE).format(n=n)).strip()


def complaint_money(r):
    return r.choice(
        [
            f"物业费从每平米{r.randint(1, 3)}.{r.randint(0, 9)}元涨到{r.randint(3, 5)}元，没有开业主大会就涨价，这合理吗？",
            f"{r.randint(1, 12)}号楼{r.randint(1, 6)}单元{r.randint(1, 18)}0{r.randint(1, 4)}室长期群租，一个房间住了七八个人，消防隐患很大。",
            "我的手机在菜场被偷了，已经报警，监控显示是上午十点左右，大家买菜的时候看好手机和钱包。",
            f"收到短信说我中奖了要交手续费，一看就是骗子，提醒老人们千万别转账，有问题打{r.choice(['110', '96110', '居委会电话'])}。",
            f"停车费一个月{r.randint(2, 6)}00元，比隔壁小区贵了一倍，车位还经常被外来车辆占用，物业收了钱不管事。",
            f"装修公司收了{r.randint(2, 9)}万定金之后就不来了，电话也打不通，有没有邻居遇到过这家公司？",
            f"房东不退押金{r.randint(1, 5)}000元，说墙上有钉子眼要扣钱，请问这种情况居委会能调解吗？",
            f"维修基金账上还有多少钱？去年换水泵花了{r.randint(5, 30)}万，业主都不知道明细。",
            "快递员把我的包裹放在门口丢了，里面是一部新手机，快递公司说只赔运费，太气人了。",
            "有人冒充物业打电话让交燃气费，说不交就停气，还要加微信转账，大家注意别上当。",
            f"电动车充电一度电收{r.randint(1, 2)}.{r.randint(0, 9)}元，比家里贵那么多，能不能公开一下计价标准？",
            "楼下的出租屋每天晚上打麻将到两点，吵得孩子睡不着，打了物业电话说管不了。",
        ]
    )


def shop_question(r):
    shop = r.choice(
        ["按摩店", "健身房", "美容院", "足疗店", "减肥训练营", "中医推拿馆", "理发店", "瑜伽馆"]
    )
    return r.choice(
        [
            f"小区门口新开了一家{shop}，有没有邻居去过？正规吗？",
            f"想给爸妈找个靠谱的{shop}，附近有推荐的吗？不要办卡的那种。",
            f"东门那家{shop}一直在发传单推销办卡，还拦着老人不让走，能不能管一管？",
            f"在隔壁{shop}办了年卡，没去几次就关门了，钱退不回来，有同样情况的邻居吗？",
            f"最近在减肥，{shop}说一个月能瘦十斤，我有点怀疑，有人试过吗？",
        ]
    )


GENERATORS = {name: globals()[name] for name in SPAM_KINDS + list(HAM_KINDS)}


def build():
    """The corpus rows, always the same: [{"label", "kind", "source", "text"}]."""
    rows, seen = [], set()

    def take(label, kind, source, text):
        if text in seen:
            return False
        seen.add(text)
        rows.append({"label": label, "kind": kind, "source": source, "text": text})
        return True

    for label, kind, text in HAND:
        take(label, kind, "hand", text)
    plan = [("spam", k, PER_SPAM_KIND) for k in SPAM_KINDS] + [
        ("ham", k, n) for k, n in HAM_KINDS.items()
    ]
    for label, kind, n in plan:
        r = random.Random(f"{SEED}:{kind}")
        made, tries = 0, 0
        while made < n and tries < n * 50:
            tries += 1
            made += take(label, kind, "generated", GENERATORS[kind](r))
    random.Random(SEED).shuffle(rows)
    return rows


def write(path=OUT):
    rows = build()
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


if __name__ == "__main__":
    rows = write()
    spam = sum(r["label"] == "spam" for r in rows)
    print(f"{OUT}: {spam} spam, {len(rows) - spam} ham")
