"""Demo talent pool: a skill list and ~60 profiles in the binjiang neighborhood, a few invitations.

Idempotent: if the skill list exists, nothing is added. Bulk inserts keep it under a second.
"""

import random

from django.db import transaction
from django.utils import timezone

from linli.community.models import Neighborhood, Resident

from .actions import index_texts, skill_counts_refresh, word_rows
from .models import Invitation, ProfileWord, Skill, TalentProfile

SLUG = "binjiang"

SKILLS = [
    ("建筑设计", "architecture"),
    ("景观设计", "landscape design"),
    ("室内设计", "interior design"),
    ("城市规划", "urban planning"),
    ("平面设计", "graphic design"),
    ("结构工程", "structural engineering"),
    ("电气工程", "electrical engineering"),
    ("给排水", "plumbing"),
    ("法律", "law"),
    ("医疗", "medicine"),
    ("心理咨询", "counselling"),
    ("护理", "nursing"),
    ("财务会计", "accounting"),
    ("翻译", "translation"),
    ("教育", "teaching"),
    ("摄影", "photography"),
    ("园艺", "gardening"),
    ("木工", "carpentry"),
    ("编程", "programming"),
    ("环保与垃圾分类", "waste sorting"),
    ("社会工作", "social work"),
    ("活动策划", "event planning"),
    ("物业管理", "property management"),
    ("养老服务", "elderly care"),
]

BACKGROUNDS = {
    "建筑设计": "在设计院做了十几年住宅设计，熟悉老旧小区改造和无障碍规范。",
    "景观设计": "景观设计师，做过多个口袋公园和社区花园项目。",
    "室内设计": "室内设计师，擅长小空间收纳与公共空间改造。",
    "城市规划": "城市规划师，参与过街道一级的社区规划导则编写。",
    "法律": "执业律师，主要做物业纠纷和合同。可以解答业主大会和维修基金的问题。",
    "医疗": "三甲医院全科医生，可以做健康讲座。",
    "翻译": "Freelance translator, Chinese–English–German. 可以帮外籍邻居翻译通知。",
    "环保与垃圾分类": "在环保组织工作，做过垃圾分类宣传和湿垃圾就地处理试点。",
    "结构工程": "结构工程师，可以看改造方案的安全问题。",
    "电气工程": "电气工程师，熟悉充电桩和楼道照明。",
    "编程": "Software engineer. 可以帮忙做小程序、表格和数据统计。",
    "教育": "中学老师，周末可以给孩子们上科学课。",
}
LANGS = [
    "中文",
    "中文, English",
    "中文, English",
    "中文, 上海话",
    "中文, English, 日本語",
    "English, Deutsch",
    "中文, 粤语",
]
HELP = ["advice", "design", "hands_on", "translation", "teaching", "care"]
AVAIL = ["weekday_evenings", "weekends", "daytime", "flexible", "occasional"]
FREE_TAGS = [
    "无障碍",
    "儿童友好",
    "手绘",
    "3D建模",
    "SketchUp",
    "CAD",
    "电动车安全",
    "雨水花园",
    "适老化",
    "志愿者组织",
    "短视频",
    "沪语",
]


def _neighborhood():
    return Neighborhood.objects.filter(slug=SLUG).first()


def _profiles_for(people, skills, rng, start=0):
    rows, through = [], []
    now = timezone.now()
    for i, person in enumerate(people, start=start):
        chosen = rng.sample(skills, rng.choice([1, 1, 2, 2, 3]))
        main = chosen[0]
        tags = ", ".join(rng.sample(FREE_TAGS, rng.choice([0, 1, 2])))
        background = BACKGROUNDS.get(
            main.name, f"多年从事{main.name}相关工作，愿意为小区出一份力。"
        )
        languages = rng.choice(LANGS)
        help_kinds = ",".join(sorted(set(rng.sample(HELP, rng.choice([1, 2, 3])))))
        keywords, search_text = index_texts(
            person=person,
            skills=chosen,
            tags=tags,
            background=background,
            languages=languages,
            help_kinds=help_kinds,
        )
        profile = TalentProfile(
            person=person,
            neighborhood_id=person.household.neighborhood_id,
            building_id=person.household.building_id,
            tags=tags,
            background=background,
            languages=languages,
            help_kinds=help_kinds,
            availability=AVAIL[i % len(AVAIL)],
            visibility="residents" if i % 3 else "committee",
            contact_allowed=i % 2 == 0,
            consent_at=now,
            active=True,
            keywords=keywords,
            search_text=search_text,
        )
        profile._skills = chosen
        rows.append(profile)
    TalentProfile.objects.bulk_create(rows, batch_size=1000)
    ids = dict(
        TalentProfile.objects.filter(person_id__in=[p.person_id for p in rows]).values_list(
            "person_id", "pk"
        )
    )
    for p in rows:
        through += [
            TalentProfile.skills.through(talentprofile_id=ids[p.person_id], skill_id=s.pk)
            for s in p._skills
        ]
    TalentProfile.skills.through.objects.bulk_create(through, batch_size=2000)
    words = []
    for p in rows:
        p.pk = ids[p.person_id]
        words += word_rows(p)
    ProfileWord.objects.bulk_create(words, batch_size=5000)
    return ids


@transaction.atomic
def load(stdout=None):
    neighborhood = _neighborhood()
    if neighborhood is None or Skill.objects.filter(neighborhood=neighborhood).exists():
        return
    rng = random.Random(5)
    Skill.objects.bulk_create(
        [Skill(neighborhood=neighborhood, name=n, name_en=e) for n, e in SKILLS]
    )
    skills = list(Skill.objects.filter(neighborhood=neighborhood).order_by("pk"))
    named = list(
        Resident.objects.filter(username__in=["resident", "emma"]).select_related("household")
    )
    others = list(
        Resident.objects.filter(
            household__neighborhood=neighborhood,
            verified_at__isnull=False,
            username__startswith="r",
        )
        .exclude(username__in=["resident"])
        .select_related("household")
        .order_by("pk")[:58]
    )
    by_name = {s.name: s for s in skills}
    for person in named:
        # The demo's own residents: a designer (resident) and a translator (emma), both shown to residents.
        main = by_name["景观设计"] if person.username == "resident" else by_name["翻译"]
        person._demo_skill = main
    ids = _profiles_for(others, skills, rng, start=1)
    for person in named:
        chosen = [person._demo_skill] + (
            [by_name["平面设计"]] if person.username == "resident" else [by_name["教育"]]
        )
        background = BACKGROUNDS.get(chosen[0].name, "")
        languages = "中文, English" if person.username == "resident" else "English, Deutsch, 中文"
        keywords, search_text = index_texts(
            person=person,
            skills=chosen,
            tags="手绘, 儿童友好",
            background=background,
            languages=languages,
            help_kinds="design,translation",
        )
        profile = TalentProfile.objects.create(
            person=person,
            neighborhood_id=person.household.neighborhood_id,
            building_id=person.household.building_id,
            tags="手绘, 儿童友好",
            background=background,
            languages=languages,
            help_kinds="design,translation",
            availability="weekends",
            visibility="residents",
            contact_allowed=True,
            consent_at=timezone.now(),
            keywords=keywords,
            search_text=search_text,
        )
        profile.skills.set(chosen)
        ProfileWord.objects.bulk_create(word_rows(profile))
        ids[person.pk] = profile.pk
    skill_counts_refresh([s.pk for s in skills])
    staff = Resident.objects.filter(username="staff").first()
    invitations = []
    for n, person_id in enumerate(list(ids)[:8]):
        status = ["pending", "accepted", "declined", "accepted"][n % 4]
        invitations.append(
            Invitation(
                profile_id=ids[person_id],
                neighborhood=neighborhood,
                target_kind=["topic", "project", "consultation"][n % 3],
                target_label=["垃圾分类房选址讨论", "一米会客厅改造", "非机动车充电设施意见征集"][
                    n % 3
                ],
                invited_by=staff,
                message="您好，想请您一起出出主意。",
                status=status,
                response_note={
                    "accepted": "好的，周末有空。",
                    "declined": "最近出差，下次吧。",
                }.get(status, ""),
                responded_at=None if status == "pending" else timezone.now(),
            )
        )
    Invitation.objects.bulk_create(invitations)
    resident_profile = ids.get(next((p.pk for p in named if p.username == "resident"), None))
    if resident_profile:
        Invitation.objects.create(
            profile_id=resident_profile,
            neighborhood=neighborhood,
            target_kind="topic",
            target_label="小区儿童游乐区怎么改？",
            invited_by=staff,
            message="您是景观设计师，想请您来回答这个议题。",
        )
    if stdout:
        stdout.write(f"talent: {len(ids)} profiles, {len(skills)} skills\n")
