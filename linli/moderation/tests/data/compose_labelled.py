"""How labelled.jsonl was made: hand-written fragments composed with a fixed seed (run it to rebuild the same file).

The spam kinds follow what community sites receive: SEO gambling wrappers around scraped news, loans, ads,
English spam and short floods; the ordinary posts are repairs, lost pets, events, complaints, questions and sales.
Because many posts share fragments, the cross-validated figures flatter the classifier; the rules-only figure
(test_scoring.py) is the floor.
"""

import json
import random

R = random.Random(8)

# ---------------- ordinary posts ----------------
ham_full = [
    "3号楼2单元电梯又停了，早上按了半天没反应，物业能不能尽快来修一下？家里有老人上下楼很不方便。",
    "请问小区里有没有人懂电路？我家厨房插座一用微波炉就跳闸，想先自己看看是不是线的问题。",
    "捡到一串钥匙，上面挂着一个小熊挂件，在5号楼门口的花坛边捡到的，已经交到门卫室了。",
    "我家橘猫昨天晚上从阳台跑出去了，公猫，两岁，脖子上有红色项圈，叫它“大橘”会有反应。看到的邻居麻烦告诉我一声，谢谢大家！",
    "周六上午九点在一米会客厅有亲子手工活动，做环保袋，材料居委会准备，欢迎带孩子来参加。",
    "垃圾分类的干垃圾桶每天晚上八点以后就满了，能不能增加一次清运？夏天味道很大。",
    "想问一下居委会，办理居住证明需要带哪些材料？上班时间不方便，周末有人值班吗？",
    "出一辆九成新的儿童自行车，16寸，孩子长高了骑不了，200元，小区内自提。",
    "楼上每天晚上十一点以后还在拖椅子，声音特别大，试过敲门沟通没人应，有没有邻居遇到同样的问题？",
    "地下车库B区的灯坏了好几盏，晚上停车很黑，已经在物业那边报修了一周还没修。",
    "有没有邻居一起拼团买大米的？东北五常大米，十斤装，满十袋可以送货上门。",
    "感谢8号楼的王阿姨帮我收快递，这么热的天还帮我放到阴凉处，邻里之间真温暖。",
    "小区东门的共享单车堆得太多了，把人行道都堵住了，推婴儿车过不去，建议划一个停车区。",
    "请问附近哪家诊所周末开门？孩子有点发烧，社区医院周日好像不看儿科。",
    "明天下午两点到五点停水，说是更换总水管阀门，大家提前储点水。",
    "想在楼下的空地上做一个小花园，有没有喜欢种花的邻居一起？种子和工具我可以先出。",
    "二手书架转让，宜家的白色五层书架，自己拆装，50元，需要的私信我。",
    "请问小区的快递柜为什么总是满的？能不能让物业跟快递公司协调一下多放几个柜子。",
    "我们楼有位独居老人最近几天都没下楼，敲门也没人应，有点担心，已经打电话给楼组长了。",
    "有没有人知道小区附近哪里可以修电脑？笔记本开不了机，不想跑太远。",
    "新搬来的邻居，住在2号楼，家里有个三岁的宝宝，想认识一下小区里同龄孩子的家长。",
    "高空抛物太危险了，今天早上6号楼下面又发现一个摔碎的花盆，差一点砸到人。希望大家注意。",
    "业委会什么时候公布上一年的维修基金使用情况？想了解一下外墙维修花了多少钱。",
    "夏天蚊子太多了，物业能不能在绿化带喷一下药？孩子腿上被咬了好多包。",
    "免费送一些小孩的衣服，1到2岁穿的，都洗干净了，需要的邻居来7号楼拿。",
    "The lift in building 4 has been making a grinding noise for three days. Has anyone reported it to the property manager?",
    "Lost: a small grey tabby cat near the north gate on Sunday evening. She is shy and answers to Mimi. Please message me if you see her.",
    "Does anyone know a good Chinese tutor for adults around here? I can read a little but my speaking is weak.",
    "Selling a barely used air purifier, Xiaomi 4 Lite, 300 yuan. Pick up in building 9.",
    "Thank you to the volunteers who cleaned the playground this morning. My kids loved the new sandpit.",
    "Question for the committee: can foreign residents join the owners' meeting if they are renting?",
    "There is a water leak on the ceiling of the B2 parking level near the ramp. It is getting worse after the rain.",
    "Is the community garden open to new members? I would love to grow some herbs on the balcony plot.",
    "Anyone interested in a weekend running group? We could meet at the east gate at 7am on Saturdays.",
    "Found a blue child's scooter by the fountain, left it with the guard at the main gate.",
]
ham_topics = {
    "repair": (
        ["家里", "楼道里", "卫生间", "厨房", "阳台", "地库", "单元门口", "电梯间"],
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
    "complaint": (
        ["最近", "每天晚上", "周末一大早", "这几天", "连续一个多月"],
        [
            "有人在楼下遛狗不拴绳",
            "装修电钻声从早响到晚",
            "有车一直占着消防通道",
            "垃圾房周围很脏",
            "广场舞音乐开得太响",
            "有人在楼道里堆杂物",
            "有人在绿化带里种菜",
        ],
        [
            "，希望能管一管。",
            "，跟物业反映过几次了都没有改善。",
            "，大家有什么好办法吗？",
            "，影响休息，孩子都睡不好。",
            "，请居委会协调一下。",
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
    "sale": (
        ["出", "转让", "闲置", "便宜出", "送"],
        [
            "一台洗衣机",
            "一张实木餐桌",
            "宝宝安全座椅",
            "两盆绿萝",
            "一辆电动车",
            "一套小学课本",
            "跑步机",
            "婴儿推车",
        ],
        [
            "，八成新，100元，小区内自提。",
            "，搬家带不走，有需要的邻居联系我。",
            "，免费送，能自己搬就行。",
            "，价格可以商量，先到先得。",
            "，用了一年，功能都正常。",
        ],
    ),
}
ham_extra = [
    "谢谢大家。",
    "",
    "",
    "辛苦了！",
    "有知道的邻居回复一下。",
    "先谢过了。",
    "",
    "我住在3号楼。",
]
ham = []
for t in ham_full:
    ham.append(("ham", t))
seen = set(ham_full)
while len(ham) < 320:
    cat = R.choice(list(ham_topics))
    a, b, c = ham_topics[cat]
    text = R.choice(a) + R.choice(b) + R.choice(c) + R.choice(ham_extra)
    if text in seen:
        continue
    seen.add(text)
    ham.append(("ham", text))

# ---------------- spam ----------------
brands = [
    "金沙娱乐",
    "澳门新葡京",
    "威尼斯人娱乐城",
    "皇冠体育",
    "银河国际",
    "永利皇宫",
    "博九棋牌",
    "开元棋牌",
    "BET365",
    "AG真人",
    "亚博体育",
    "乐鱼体育",
]
domains = [
    "js88.vip",
    "xpj0668.com",
    "www.hg-6688.cc",
    "yb1188.net",
    "b365zh.top",
    "ylgj777.xyz",
    "www.ag88.bet",
    "ky-qp.app",
]
news = [
    "据新华社报道，今年前三季度全国居民人均可支配收入同比增长5.2%，消费市场持续回暖。",
    "本周三，上海地铁新线路开通试运营，沿线居民出行将更加便利。",
    "气象台预计，受冷空气影响，本周末长江中下游地区将出现明显降温。",
    "教育部近日发布通知，要求各地中小学减轻学生课业负担，保障睡眠时间。",
    "国家统计局数据显示，十月份全国规模以上工业增加值同比增长4.6%。",
    "多地出台新政支持新能源汽车下乡，购车补贴最高可达一万元。",
    "世界杯预选赛国足客场战平对手，晋级形势依然严峻。",
    "某知名演员离婚风波持续发酵，双方工作室相继发表声明。",
]
trending = [
    "热搜：明星夜宵照曝光",
    "今日头条：油价今晚上调",
    "热门：某地惊现双彩虹",
    "爆：知名主播偷税被罚",
    "热议：年轻人为何不愿结婚",
]
emoji = ["🎰", "💰", "🔥", "🎁", "💎", "🏆", "✨", "👉", "🧧", "⚽", "🃏", "💯"]
fake_comments = [
    "网友评论：{b}真的靠谱，昨天刚提现到账！",
    "用户138****5521：在{b}玩了三年了，信誉第一",
    "热评：{b}首存就送，已经回本了",
    "网友：上{b}一小时赚了半个月工资",
]


def emo(n):
    return "".join(R.choice(emoji) for _ in range(n))


spam = []


def add(t):
    spam.append(("spam", t))


# 1. SEO gambling wrapper around scraped news (the main kind)
for _i in range(70):
    b, d = R.choice(brands), R.choice(domains)
    parts = [f"{emo(R.randint(2, 4))}【{b}】{b}官网{emo(2)}", R.choice(news)]
    if R.random() < 0.7:
        parts.append(
            f"{b}{R.choice(['官方网址', '登录入口', '最新网址', '手机版下载'])}：{d} {emo(R.randint(1, 3))}"
        )
    parts.append(R.choice(news))
    if R.random() < 0.8:
        parts.append(R.choice(fake_comments).format(b=b))
    if R.random() < 0.6:
        parts.append(" | ".join(R.sample(trending, 2)))
    parts.append(
        f"{b}{R.choice(['首存送100%彩金', '每日返水无上限', '真人荷官在线发牌', '百家乐 龙虎斗 老虎机', '体育投注 电竞竞猜'])}{emo(R.randint(1, 4))}{b}"
    )
    if R.random() < 0.5:
        parts.insert(1, f"#{b}# #{b}官网#")
    add("\n".join(parts))
# 2. loans
loan_a = [
    "急用钱？",
    "无抵押无担保",
    "征信不好也能贷",
    "大额低息贷款",
    "信用卡代还",
    "网贷逾期处理",
    "房产抵押贷款",
    "装修贷 经营贷",
]
loan_b = [
    "当天放款，秒批秒到账",
    "利息低至0.3%，不看征信",
    "身份证即可办理，最高20万",
    "黑户白户都能下款",
    "全国可办，额度高",
]
loan_c = ["加微信：dk{n}", "V信：{n}", "详询电话：1{p}", "薇♥：hk{n}", "QQ：{q}"]
for _i in range(30):
    n = R.randint(1000, 99999)
    p = "".join(R.choice("3456789")) + "".join(str(R.randint(0, 9)) for _ in range(9))
    q = R.randint(10000000, 999999999)
    add(
        f"{R.choice(loan_a)}，{R.choice(loan_b)}！{R.choice(loan_c).format(n=n, p=p, q=q)} {emo(R.randint(0, 3))}"
    )
# 3. ads: invoices, part-time jobs, diet, SEO, fake gifts
ads = [
    "代开各类发票，增值税专票普票，可验证后付款，联系{c}",
    "招聘兼职刷单员，在家动动手指日赚300-800，日结不压工资，{c}",
    "宝妈在家也能做的副业，一部手机月入过万，躺赚不是梦！{c}",
    "纯植物减肥，一个月瘦20斤不反弹，无效退款！{c}",
    "男性保健，持久不伤身，厂家直销，{c}",
    "百度首页快速排名，七天上首页，不上不收费，{c}",
    "恭喜您获得iPhone15一台，点击领取：{d} 仅限今天！",
    "专业代办各类证件，学历认证可查，{c}",
    "高价回收各类购物卡、加油卡，上门交易，{c}",
    "虚拟币稳赚项目，跟单导师带你翻倍，日收益5%，{c}",
    "出售各行业精准客户数据，手机号实名，{c}",
    "正品名表奢侈品高仿一比一，顺丰包邮，{c}",
]
for _i in range(36):
    c = R.choice(
        [
            f"加微信 xyz{R.randint(100, 9999)}",
            "V：1{}".format("".join(str(R.randint(0, 9)) for _ in range(10))),
            "电话13{}".format("".join(str(R.randint(0, 9)) for _ in range(9))),
            f"扣扣{R.randint(1000000, 99999999)}",
            "详情私聊",
        ]
    )
    add(R.choice(ads).format(c=c, d=R.choice(domains)) + emo(R.randint(0, 3)))
# 4. English spam
en = [
    "Best online casino 2026! {b} casino gives 200% welcome bonus, free spins every day. Play slots and live baccarat now at {d} {e}",
    "Need cash fast? Payday loans approved in 5 minutes, no credit check, bad credit OK. Apply now: {d}",
    "Earn $500 a day working from home! No experience needed. Click {d} to start {e}",
    "Cheap viagra and cialis online, no prescription, discreet shipping. Order at {d}",
    "Crypto trading signals with guaranteed 10x profit. Join our VIP group: {d} {e}",
    "{b} sports betting: best odds on football, NBA and esports. Deposit bonus 100%! {d} {b} {b}",
    "Buy Instagram followers and TikTok likes, real and fast, cheapest price at {d}",
    "Congratulations! You have won a $1000 gift card. Claim it here: {d} {e}",
]
for _i in range(24):
    add(
        R.choice(en).format(
            b=R.choice(["Lucky88", "SpinWin", "BetKing", "Royal777"]),
            d=R.choice(domains),
            e=emo(R.randint(1, 4)),
        )
    )
# 5. short flood-style ads a spammer posts as replies
for _i in range(10):
    b = R.choice(brands)
    add(f"{b} {b} {b} {emo(3)} {R.choice(domains)}")
out = ham + spam
R.shuffle(out)
with open(__import__("pathlib").Path(__file__).with_name("labelled.jsonl"), "w") as fh:
    for label, text in out:
        fh.write(json.dumps({"label": label, "text": text}, ensure_ascii=False) + "\n")
print(len(ham), len(spam))
