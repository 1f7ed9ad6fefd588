"""Demo projects in binjiang: the waste-sorting room (7 design versions, full timeline, ~200
comments), the living-room renovation, and a few others at each stage. Pictures are drawn
locally (drawings.py). Idempotent: nothing is added if the waste-sorting room exists."""

import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from linli.community.models import Compound, Neighborhood, Resident
from linli.core.text import render_markdown
from linli.talent.models import TalentProfile

from . import actions, drawings
from .models import Comment, DesignVersion, Project, Rating, Stage, StageChange

SLUG = "binjiang"
WASTE_TITLE = "滨江花园垃圾分类房改造"

WASTE_VERSIONS = [
    "第一稿：在 7 号楼和 8 号楼之间的空地新建一座垃圾分类房，四个投放口。",
    "根据 7 号楼居民的意见，分类房向东移 15 米，远离卧室窗户。",
    "加了雨棚，下雨天投放不淋湿；投放口高度降到 90 厘米，方便老人和孩子。",
    "意见征集里很多人提到异味：增加一个洗手池，湿垃圾桶改为带盖脚踏式。",
    "加了一面绿植墙，外观和小区景观协调；开放时间改为早 7–9 点、晚 6–8 点。",
    "增加除臭排风系统，排风口朝向绿化带而不是住宅。",
    "第七稿（定稿）：根据议事会表决结果，保留东侧方案；增加大件垃圾临时堆放区和监控。",
]
COMMENTS = [
    "这个位置离我家窗户太近了，夏天会有味道。",
    "支持！现在的垃圾桶太分散了。",
    "建议加个洗手池，扔完湿垃圾手很脏。",
    "雨棚很有必要。",
    "能不能把开放时间延长一点？上班族早上 7 点前就出门了。",
    "绿植墙好看，但谁来养护？",
    "排风口的方向考虑得很周到。",
    "希望有无障碍坡道，推婴儿车也方便。",
    "这一版比上一版好多了。",
    "Could the signs be bilingual? Many foreign residents live here.",
    "投放口高度正好，我家老人试过了。",
    "大件垃圾堆放区太需要了，装修垃圾一直没地方放。",
    "建议晚上加个灯，冬天 6 点天就黑了。",
    "谢谢设计团队，辛苦了！",
]
OTHERS = [
    (
        "一米会客厅改造",
        "把 7 号楼大堂约 25 平方米的空间改造成居民议事和活动的会客厅。",
        "7 号楼大堂",
        Stage.COMPLETED,
        3,
    ),
    (
        "儿童游乐区提升",
        "收集家长和孩子们的需求，改造中心绿地旁的儿童游乐区。",
        "中心绿地东侧",
        Stage.NEED,
        0,
    ),
    (
        "非机动车棚与充电设施",
        "解决电动自行车上楼充电的安全隐患，新建集中充电车棚。",
        "3 号楼北侧",
        Stage.CONSULTATION,
        2,
    ),
    (
        "樱桃苑屋顶花园",
        "把 5 号楼平台改造为居民共建的屋顶花园。",
        "樱桃苑 5 号楼平台",
        Stage.DECISION,
        2,
    ),
    (
        "无障碍坡道与扶手",
        "为 1、2 号楼入口加装无障碍坡道和扶手。",
        "1、2 号楼入口",
        Stage.CONSTRUCTION,
        1,
    ),
    ("小区步道夜间照明", "步道照明不足，方案已完工并进入日常养护。", "环小区步道", Stage.UPKEEP, 1),
    (
        "楼道自行车停放整理",
        "设计楼道自行车和杂物的整理方案。",
        "樱桃苑 1–8 号楼楼道",
        Stage.DESIGN,
        1,
    ),
]


def _file(name, data, content_type):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _stage_to(project, target, staff, reasons, start):
    """Walk the project through every stage to `target`, dated from `start`, one step at a time."""
    order = list(Stage.values)
    for _step, stage in enumerate(order[1 : order.index(target) + 1], start=1):
        actions.project_stage_change(
            project=project, to_stage=stage, reason=reasons.get(stage, ""), actor=staff
        )
    changes = list(StageChange.objects.filter(project=project).order_by("pk"))
    for i, change in enumerate(changes):
        change.changed_at = start + timedelta(days=40 * i)
    StageChange.objects.bulk_update(changes, ["changed_at"])
    project.refresh_from_db()


def _comments(version, people, rng, n, when):
    rows = []
    for _i in range(n):
        body = rng.choice(COMMENTS)
        rows.append(
            Comment(
                version=version,
                author=rng.choice(people),
                body=body,
                body_html=render_markdown(body),
            )
        )
    Comment.objects.bulk_create(rows)
    Comment.objects.filter(version=version).update(created_at=when)
    DesignVersion.objects.filter(pk=version.pk).update(
        comment_count=Comment.objects.filter(version=version).count()
    )


def _recount(project):
    total = Comment.objects.filter(version__project=project).count()
    ratings = Rating.objects.filter(project=project)
    Project.objects.filter(pk=project.pk).update(
        comment_count=total, rating_count=ratings.count(), rating_sum=sum(r.score for r in ratings)
    )


def _team(project, profiles, roles, staff):
    for profile, role in zip(profiles, roles, strict=False):
        actions.team_member_add(project=project, profile=profile, role=role, actor=staff)


@transaction.atomic
def load(stdout=None):
    neighborhood = Neighborhood.objects.filter(slug=SLUG).first()
    if (
        neighborhood is None
        or Project.objects.filter(neighborhood=neighborhood, title=WASTE_TITLE).exists()
    ):
        return
    rng = random.Random(7)
    staff = Resident.objects.get(username="staff")
    compounds = {c.name: c for c in Compound.objects.filter(neighborhood=neighborhood)}
    garden, cherry = compounds["滨江花园"], compounds["樱桃苑"]
    plan_a = actions.site_plan_upload(
        compound=garden,
        upload=_file(
            "plan-a.png", drawings.site_plan("滨江花园 Riverside Gardens", 20, 1), "image/png"
        ),
        actor=staff,
    )
    actions.site_plan_upload(
        compound=cherry,
        upload=_file("plan-b.png", drawings.site_plan("樱桃苑 Cherry Court", 8, 2), "image/png"),
        actor=staff,
    )
    people = list(
        Resident.objects.filter(
            household__neighborhood=neighborhood, verified_at__isnull=False
        ).order_by("pk")[:400]
    )
    profiles = list(
        TalentProfile.objects.filter(neighborhood=neighborhood)
        .select_related("person")
        .order_by("pk")
    )
    designer = next(
        (p for p in profiles if p.person.username == "resident"), profiles[0] if profiles else None
    )
    start = timezone.now() - timedelta(days=330)

    waste = actions.project_create(
        neighborhood=neighborhood,
        actor=staff,
        title=WASTE_TITLE,
        compound=garden,
        budget=186000,
        description="小区原有 40 个分散的垃圾桶点位，气味大、清运难。居委会牵头，由居民设计团队设计集中的垃圾分类房，"
        "经过多轮意见征集和议事会表决，最终确定在 7、8 号楼之间的东侧空地建设。\n\n- 四分类投放口\n- 雨棚、洗手池\n- 除臭排风\n- 绿植墙",
        place_text="7 号楼与 8 号楼之间东侧空地",
        site_plan=plan_a,
        point_x=38,
        point_y=30,
    )
    team = [designer] + [p for p in profiles if p is not designer][:4]
    _team(
        waste,
        [p for p in team if p],
        ["设计组长", "结构顾问", "景观设计", "意见整理", "外籍居民联络"],
        staff,
    )
    for n, summary in enumerate(WASTE_VERSIONS, start=1):
        author = designer.person if designer else staff
        files = [
            _file(f"v{n}.jpg", drawings.design("垃圾分类房", n, summary, seed=1), "image/jpeg")
        ]
        if n in (4, 7):
            files.append(
                _file(
                    f"v{n}-说明.pdf",
                    b"%PDF-1.4\n% Linli demo design notes\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                    "application/pdf",
                )
            )
        answers = (
            [
                ("reply", f"7 号楼居民对第 {n - 1} 稿的回复", "", None),
                ("consultation_answer", "垃圾分类房意见征集：异味与开放时间", "", None),
            ]
            if n > 1
            else []
        )
        version = actions.version_create(
            project=waste, summary=summary, uploads=files, answers=answers, actor=author
        )
        when = start + timedelta(days=40 + n * 20)
        DesignVersion.objects.filter(pk=version.pk).update(created_at=when)
        _comments(
            version, people, rng, [12, 25, 30, 35, 30, 28, 40][n - 1], when + timedelta(days=2)
        )
    for kind, label in [
        ("topic", "垃圾分类房放在哪里？大家来出主意"),
        ("consultation", "垃圾分类房选址意见征集（参与率 98%）"),
        ("decision", "垃圾分类房选址议事会表决"),
        ("request", "7 号楼居民：分类房异味问题"),
    ]:
        actions.link_add(project=waste, kind=kind, label=label, actor=staff)
    _stage_to(waste, Stage.UPKEEP, staff, {}, start)
    for kind, caption, after in [
        ("before", "改造前：分散的垃圾桶", False),
        ("after", "改造后：集中的分类房", True),
    ]:
        actions.photo_add(
            project=waste,
            kind=kind,
            upload=_file(f"{kind}.jpg", drawings.photo(caption, after, seed=3), "image/jpeg"),
            caption=caption,
            actor=staff,
        )
    Rating.objects.bulk_create(
        [Rating(project=waste, person=p, score=rng.choice([5, 5, 4, 4, 4, 3])) for p in people[:48]]
    )
    _recount(waste)

    for i, (title, description, place, stage, versions) in enumerate(OTHERS):
        compound = cherry if "樱桃苑" in place else garden
        project = actions.project_create(
            neighborhood=neighborhood,
            actor=staff,
            title=title,
            description=description,
            compound=compound,
            place_text=place,
            budget=[52000, None, 98000, 30000, 45000, 26000, None][i],
        )
        _team(project, profiles[5 + i * 2 : 7 + i * 2], ["设计", "施工协调"], staff)
        for n in range(1, versions + 1):
            actions.version_create(
                project=project,
                summary=f"第 {n} 稿：根据居民意见调整布局。",
                actor=staff,
                uploads=[
                    _file(
                        f"p{i}v{n}.jpg",
                        drawings.design(title[:6], n, description, seed=i + 2),
                        "image/jpeg",
                    )
                ],
            )
        _stage_to(project, stage, staff, {}, start + timedelta(days=30 * (i + 1)))
        first = DesignVersion.objects.filter(project=project).order_by("number").first()
        if first:
            _comments(first, people, rng, 6, timezone.now() - timedelta(days=5))
        if stage in (Stage.COMPLETED, Stage.UPKEEP):
            actions.photo_add(
                project=project,
                kind="before",
                upload=_file(
                    "b.jpg", drawings.photo(title + " 改造前", False, seed=i), "image/jpeg"
                ),
                caption="改造前",
                actor=staff,
            )
            actions.photo_add(
                project=project,
                kind="after",
                upload=_file(
                    "a.jpg", drawings.photo(title + " 改造后", True, seed=i), "image/jpeg"
                ),
                caption="改造后",
                actor=staff,
            )
            Rating.objects.bulk_create(
                [
                    Rating(project=project, person=p, score=rng.choice([5, 4, 4, 3]))
                    for p in people[100 : 100 + 20 + i]
                ]
            )
        _recount(project)
    if stdout:
        stdout.write(
            f"projects: {Project.objects.filter(neighborhood=neighborhood).count()} projects, "
            f"{Comment.objects.filter(version__project__neighborhood=neighborhood).aggregate(n=Count('pk'))['n']} comments\n"
        )
