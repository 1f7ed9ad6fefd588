"""Hand-written samples, modelled on what community forums receive: (label, kind, text).

The spam kinds are those of generate.SPAM_KINDS; the ham kinds those of generate.HAM_KINDS.
"""

HAND = [
    (
        "spam",
        "seo_neighborhood",
        "开云网址 kyty88\n🔥🔥🔥\n本文来自网友发表,不代表本网站观点和立场\n"
        "为推进垃圾分类常态化，街道在各小区增设分类督导岗，志愿者每天早晚在投放点值守，帮助居民正确分类。\n"
        "开云网址 kyty88 👉\n居委会表示，下一步将把督导情况纳入楼组评比，对做得好的楼组给予表扬。\n"
        "支持楼主 阅读原文 举报\n全部评论 默认 最新 楼主\n"
        "风中追风 LV8 六年级 明星深夜聚餐照曝光😂 来自广东\n"
        "路人甲 LV3 二年级 油价今晚上调🔥 来自浙江\n热点推荐\n安装应用\n随时随地关注开云网址\nSitemap",
    ),
    (
        "spam",
        "seo_city",
        "💎华体会 hth520💎\n市交通委发布消息，地铁新线将于本月底开通试运营，全线设站十四座。\n"
        "华体会官网 hth520\n今年以来，全市新建口袋公园四十余座。\n阅读原文 举报 分享到：微信 微博\n"
        "吃瓜群众 LV5 四年级 十一假期景区人山人海🍀 来自四川\n热点推荐\n网红餐厅被曝使用过期食材\n新款手机发布 售价再创新高",
    ),
    (
        "spam",
        "seo_national",
        "【必威体育】bw66\n国家医保局表示，将进一步扩大门诊费用跨省直接结算范围，方便异地就医群众。\n"
        "必威体育登录 bw66🎰\n打开APP阅读更多精彩内容 返回顶部\n一只咸鱼 LV10 大学生 这种水果千万别空腹吃 来自山东",
    ),
    (
        "spam",
        "gambling",
        "百家乐稳赢打法，跟着我的计划下注，三天回本，输了我包赔！老师带单，名额有限",
    ),
    (
        "spam",
        "gambling",
        "世界杯竞猜开始啦⚽ 新人首充一百送一百，串关最高赔率八百倍，提款五分钟到账",
    ),
    ("spam", "loan", "急需用钱的朋友看过来，不用面签，凭身份证就能下款三万，当天到账，手续简单"),
    ("spam", "invoice", "公司长期有票，需要的老板联系，普专都有，点数好商量"),
    (
        "spam",
        "parttime",
        "在家用手机就能做的活，每天一两个小时，轻松日入两三百，宝妈学生都适合，感兴趣的私我",
    ),
    ("spam", "fake_product", "大牌包包工厂货，跟专柜一模一样，拿去专柜都验不出来，价格只要一折"),
    ("spam", "adult", "寂寞的夜晚需要人陪吗？同城美女上门，照片真实，私密安全"),
    ("spam", "account_trading", "收微信号，注册满一年的都要，一个两百，当天结算，闲着也是闲着"),
    ("spam", "stock_group", "明天开盘这只票必拉涨停，主力已经进场，想上车的朋友抓紧进群"),
    (
        "spam",
        "lottery_prize",
        "尊敬的业主您好，您在本次业主回馈活动中抽中一等奖，请于三日内缴纳手续费领取奖品",
    ),
    ("spam", "seo_service", "帮你把店铺做到搜索第一页，不见效果不收钱，各类平台推广引流都能做"),
    (
        "spam",
        "no_contact_ad",
        "还在为小肚子发愁吗？每天一包，轻松瘦下来，不用节食不用运动，已经有上万人瘦成功了！",
    ),
    (
        "spam",
        "no_contact_ad",
        "✨新店开业✨足浴推拿 全身SPA 技师手法一流 开业期间全场五折 欢迎光临✨",
    ),
    (
        "ham",
        "news_forward",
        "看到市政府网站发的消息：本市将对三百个老旧小区实施综合改造，重点解决屋面漏水和管网老化。"
        "来源：上海市人民政府网站 www.shanghai.gov.cn。咱们小区去年报过名，不知道这次有没有排上。",
    ),
    (
        "ham",
        "news_forward",
        "转发澎湃新闻：街道召开老旧小区加装电梯推进会，居委会、业委会和居民代表讨论了资金分摊方案。"
        "我们楼也想装，有兴趣的邻居可以一起去居委会问问流程。",
    ),
    (
        "ham",
        "gov_mention",
        "提醒一下，反诈中心说了，任何要你转账的“中奖”都是骗局。官方信息以gov.cn结尾的网站为准。",
    ),
    ("ham", "gov_mention", "办理社保卡补办，可以登录随申办APP，或者去人社局官网预约，不用跑窗口。"),
    (
        "ham",
        "secondhand",
        "出闲置的儿童绘本三十本，都是正版，五十元全部拿走，7号楼自提，有意的邻居私信我。",
    ),
    (
        "ham",
        "secondhand",
        "转让健身年卡，楼下那家健身房，还剩八个月，原价两千，一千转，因为工作调动去外地了。",
    ),
    (
        "ham",
        "announcement",
        "关于开展电动自行车集中充电设施建设意见征询的公告\n各位居民：\n为消除电动自行车入户充电的火灾隐患，"
        "居委会会同业委会、物业拟在小区东侧空地建设集中充电棚，设充电口八十个，费用由公共收益支出。\n"
        "请各位居民于本月二十日前将意见表交至居委会或楼组长处。意见征询结束后，将召开居民议事会讨论实施方案。\n"
        "联系人：王主任\n光明居民委员会",
    ),
    (
        "ham",
        "english",
        "Has anyone else had their phone bill double after the new fibre contract? The agent promised 99 yuan a month.",
    ),
    (
        "ham",
        "english",
        "Lost my wallet near the north gate this morning: brown leather, some cash and my bank cards. Please let me know!",
    ),
    (
        "ham",
        "english",
        "Friendly reminder: the committee office is closed on Monday for the holiday. Urgent repairs go to the property hotline.",
    ),
    (
        "ham",
        "complaint_money",
        "地下室有人隔出来好几个小房间往外租，一个月八百，没有窗户也没有消防设施，太危险了。",
    ),
    (
        "ham",
        "complaint_money",
        "我妈接到电话说是银行的，要她把钱转到“安全账户”，幸好邻居拦住了，大家多提醒家里老人。",
    ),
    ("ham", "everyday", "今天小区的樱花开了🌸🌸🌸 拍了几张照片，大家下楼走走吧，真的很美！"),
    ("ham", "everyday", "谢谢大家帮忙找猫🙏🙏 已经找到了，在地库躲了两天，饿坏了😂"),
    (
        "ham",
        "shop_question",
        "楼下按摩店老板人挺好的，我爸腰疼去了几次好多了，不推销办卡，推荐给有需要的邻居。",
    ),
]
