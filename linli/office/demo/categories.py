"""The demo's request categories: the parties that handle them and their service levels."""

from linli.office.models import (
    Category,
    Party,
)

P = Party


CATEGORIES = [
    # code, name, name_en, party, accept h, resolve h, weight, descriptions
    (
        "lift-repair",
        "电梯故障",
        "Lift out of order",
        P.PROPERTY_MANAGER,
        2,
        48,
        10,
        [
            "{b}号楼 2 号电梯又停了，老人上下楼很不方便。",
            "电梯门关不严，运行时有异响。",
            "电梯按钮失灵，按了 18 楼没反应。",
        ],
    ),
    (
        "leak",
        "漏水渗水",
        "Leaks and damp",
        P.PROPERTY_MANAGER,
        12,
        120,
        7,
        [
            "楼上渗水到我家卫生间顶，已经发霉了。",
            "地下车库 B2 顶板漏水，滴在车上。",
            "{b}号楼楼道窗户关不上，下雨往里灌水。",
        ],
    ),
    (
        "lighting",
        "公共照明",
        "Lights in common areas",
        P.PROPERTY_MANAGER,
        24,
        72,
        8,
        [
            "{b}号楼 12 层楼道灯坏了，晚上很黑。",
            "小区东门到 5 号楼之间的路灯不亮。",
            "地库入口灯一直闪。",
        ],
    ),
    (
        "cleaning",
        "环境卫生",
        "Cleaning",
        P.PROPERTY_MANAGER,
        24,
        48,
        8,
        [
            "{b}号楼门口的垃圾桶满了没人收。",
            "楼道里有人堆放杂物，味道很大。",
            "中心花园的水池发臭，有蚊子。",
        ],
    ),
    (
        "greenery",
        "绿化养护",
        "Trees and greenery",
        P.PROPERTY_MANAGER,
        48,
        168,
        4,
        ["{b}号楼前的树枝挡住了窗户，希望修剪。", "草坪很久没修剪了。", "台风后有棵树歪了，怕倒。"],
    ),
    (
        "facilities",
        "公共设施损坏",
        "Broken facilities",
        P.PROPERTY_MANAGER,
        24,
        168,
        6,
        [
            "儿童游乐区的滑梯有裂缝，孩子容易受伤。",
            "健身器材的螺丝松了。",
            "{b}号楼单元门门禁坏了，谁都能进。",
        ],
    ),
    (
        "parking",
        "停车与非机动车",
        "Parking and bikes",
        P.PROPERTY_MANAGER,
        24,
        120,
        6,
        ["电动车在楼道里充电，很危险。", "消防通道上天天停车。", "非机动车棚的充电桩坏了一半。"],
    ),
    (
        "waste-sorting",
        "垃圾分类",
        "Waste sorting",
        P.RESIDENTS_COMMITTEE,
        24,
        72,
        5,
        [
            "新的垃圾厢房离 {b}号楼太近，夏天味道大。",
            "湿垃圾投放时间能不能延长到晚上 9 点？",
            "有人把装修垃圾倒在垃圾厢房旁边。",
        ],
    ),
    (
        "noise",
        "噪音扰民",
        "Noise",
        P.RESIDENTS_COMMITTEE,
        24,
        72,
        4,
        [
            "楼上每天晚上 11 点以后还在装修。",
            "广场舞音响太响，影响休息。",
            "{b}号楼有住户养狗，整夜叫。",
        ],
    ),
    (
        "neighbour-dispute",
        "邻里纠纷",
        "Disputes between neighbours",
        P.RESIDENTS_COMMITTEE,
        24,
        168,
        3,
        ["对门把鞋柜放到公共走道，沟通没用，希望居委会协调。", "楼上空调外机滴水到我家阳台。"],
    ),
    (
        "advice",
        "证明开具与政策咨询",
        "Certificates and advice",
        P.RESIDENTS_COMMITTEE,
        24,
        72,
        4,
        [
            "想咨询老人助餐点怎么申请。",
            "孩子入学需要居住证明，请问怎么开？",
            "How do I register my residence permit as a foreigner?",
        ],
    ),
    (
        "safety",
        "安全隐患",
        "Safety hazards",
        P.RESIDENTS_COMMITTEE,
        4,
        48,
        3,
        ["{b}号楼外墙有瓷砖松动，怕掉下来砸到人。", "消防栓箱是空的。"],
    ),
    (
        "maintenance-fund",
        "维修资金使用",
        "Maintenance fund",
        P.OWNERS_COMMITTEE,
        72,
        720,
        2,
        ["{b}号楼屋顶防水需要大修，请业委会启动维修资金。", "想了解今年维修资金的使用明细。"],
    ),
    (
        "property-service",
        "物业服务投诉",
        "Complaints about the property manager",
        P.OWNERS_COMMITTEE,
        48,
        336,
        3,
        ["保安晚上经常不在岗。", "物业费上涨没有公示，请业委会过问。", "报修三次都没人来。"],
    ),
]


def ensure_categories(neighborhood):
    existing = {c.code: c for c in Category.objects.filter(neighborhood=neighborhood)}
    for i, (code, name, name_en, party, acc, res, _w, _t) in enumerate(CATEGORIES):
        if code not in existing:
            existing[code] = Category.objects.create(
                neighborhood=neighborhood,
                code=code,
                name=name,
                name_en=name_en,
                party=party,
                accept_hours=acc,
                resolve_hours=res,
                sort=i,
                group=str(Party(party).label),
            )
    out = []
    for code, *_rest in CATEGORIES:
        c = existing[code]
        spec = next(x for x in CATEGORIES if x[0] == code)
        c.weight, c.texts = spec[6], spec[7]
        out.append(c)
    return out
