"""The demo forum: about a year of activity in binjiang — ~2,000 topics, ~30,000 replies,
40 circles, and the committee topic on where to build the new waste-sorting room, answered
by residents who are designers and planners. Seeded, bulk, idempotent (a second run adds nothing).
"""

import random
from datetime import timedelta
from functools import lru_cache

from django.db import transaction
from django.utils import timezone

from linli.community.models import Neighborhood, Resident
from linli.core.text import render_markdown as _render

from . import actions, text
from .demo_content import BODIES, CIRCLES, COMMITTEE_TOPIC, DESIGNERS, SENTENCES, TITLES
from .models import Circle, Reply, SearchEntry, Support, Topic, TopicCircle, hot_score

render_markdown = lru_cache(maxsize=20_000)(_render)

TOPICS, REPLIES = 2_000, 30_000


def load(stdout=None):
    neighborhood = Neighborhood.objects.filter(slug="binjiang").first()
    if neighborhood is None:
        return
    if not Topic.objects.filter(neighborhood=neighborhood).exists():
        with transaction.atomic():
            generate(
                neighborhood=neighborhood,
                topics=TOPICS,
                replies=REPLIES,
                seed=2026,
                award_points=True,
            )
            _committee_topic(neighborhood)
            _year_of_work(neighborhood)
    _quick_proposal(neighborhood)


STANCES = [
    ("agree", "北门东侧离住宅楼最远，清运车不用开进小区。"),
    ("agree", "同意，顺便把洗手池也装上。"),
    ("agree", "离我们楼远了，夏天不会再有味道。"),
    ("abstain", "我住南区，两个位置对我差不多。"),
    ("disagree", "要占掉六个车位，停车已经很紧张了。"),
    ("agree", "设计团队的图看过了，绿化可以补回来。"),
    ("block", "离幼儿园后门不到三十米，接送孩子的时候正好是投放时间。请先量一下距离。"),
    ("agree", "支持，早点定下来早点建。"),
]


@transaction.atomic
def _quick_proposal(neighborhood):
    """A quick proposal on the committee's topic about the new waste-sorting room, still open,
    with stances and their reasons (one block, as happens)."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import QuickProposal

    topic = Topic.objects.filter(neighborhood=neighborhood, is_committee=True).first()
    if topic is None or QuickProposal.objects.filter(topic=topic).exists():
        return
    quick = actions.quick_proposal_start(
        topic=topic,
        author=topic.author,
        statement="新垃圾分类房建在北门停车场东侧（方案二），占用的车位在西侧补划。",
        closes_at=timezone.now() + timedelta(days=5),
    )
    people = Resident.objects.filter(
        household__neighborhood=neighborhood, username__startswith="r"
    ).order_by("pk")[300 : 300 + len(STANCES) * 53 : 53]
    for person, (position, reason) in zip(people, STANCES, strict=False):
        actions.stance_set(proposal=quick, person=person, position=position, reason=reason)


# The demo logins' points for the year the generated posts stand for: the secretary, who throws
# out the committee's topics and answers in the forum all year, is no "Lv1 newcomer".
YEAR_OF_WORK = {"secretary": 1300, "staff": 620, "leader": 420, "owners": 180, "resident": 60}


def _year_of_work(neighborhood):
    from linli.stats.actions import points_award

    for person in Resident.objects.filter(username__in=YEAR_OF_WORK):
        points_award(
            person=person,
            reason="forum.topic",
            amount=YEAR_OF_WORK[person.username],
            key=f"forum.demo-year:{neighborhood.pk}:{person.pk}",
            neighborhood=neighborhood,
        )


class _Segmenter:
    """jieba once per distinct sentence: generated text reuses sentences."""

    def __init__(self):
        self.memo = {}

    def __call__(self, *parts):
        out = []
        for part in parts:
            if part not in self.memo:
                self.memo[part] = text.segmented(part)
            out.append(self.memo[part])
        return " ".join(out)


REPLY_CAP = 600  # replies at most per generated topic (the big topic excepted)


def split_replies(total, weights, *, cap=REPLY_CAP, first=0):
    """Whole reply counts, one per weight, that add up to exactly `total`: shares proportional
    to the weights (largest remainders get the odd replies), none above `cap` (what a capped
    topic cannot take goes to the others). With `first`, the first topic gets exactly that
    many and the others share the rest. Fewer than `total` only when every topic is full."""
    counts = [0] * len(weights)
    if not weights:
        return counts
    if first:
        counts[0] = first
        total = max(0, total - first)
    open_ = list(range(1 if first else 0, len(weights)))
    while total > 0 and open_:
        mass = sum(weights[i] for i in open_)
        shares = {i: total * weights[i] / mass for i in open_}
        left = total
        for i in open_:
            whole = min(int(shares[i]), cap - counts[i])
            counts[i] += whole
            left -= whole
        for i in sorted(open_, key=lambda i: shares[i] - int(shares[i]), reverse=True):
            if left <= 0:
                break
            if counts[i] < cap:
                counts[i] += 1
                left -= 1
        total = left
        open_ = [i for i in open_ if counts[i] < cap]
    return counts


def generate(
    *,
    neighborhood,
    topics,
    replies,
    seed,
    award_points=False,
    people=None,
    start_at=None,
    big_topic_replies=0,
):
    """Bulk-create `topics` topics and exactly `replies` replies over the past year (the big topic's
    included; fewer only if every topic is full). Returns the topics' ids."""
    rng = random.Random(seed)
    now = timezone.now()
    people = people or list(
        Resident.objects.filter(
            household__neighborhood=neighborhood, verified_at__isnull=False
        ).values_list("pk", flat=True)
    )
    circles = _circles(neighborhood)
    segment = _Segmenter()
    year = 365 * 86_400
    topic_rows, chosen = [], []
    for _i in range(topics):
        c = rng.choice(circles)
        title = rng.choice(TITLES).format(c=c.name)[:80]
        body = rng.choice(BODIES).format(c=c.name) + " #" + c.name + "#"
        created = now - timedelta(seconds=rng.randrange(3600, year))
        topic_rows.append(
            Topic(
                neighborhood=neighborhood,
                author_id=rng.choice(people),
                title=title,
                body=body,
                body_html=render_markdown(body),
                visibility="residents" if rng.random() < 0.1 else "public",
                created_at=created,
                last_activity_at=created,
                read_count=rng.randrange(5, 800),
            )
        )
        extra = rng.choice(circles)
        chosen.append([c] + ([extra] if extra.pk != c.pk and rng.random() < 0.3 else []))
    # Replies: a long tail (most topics get a few, some get hundreds), exactly `replies` in all.
    counts = split_replies(
        replies,
        [rng.paretovariate(1.2) for _ in topic_rows],
        cap=REPLY_CAP,
        first=big_topic_replies,
    )
    reply_rows = []
    for topic, n in zip(topic_rows, counts, strict=True):
        span = max(60, int((now - topic.created_at).total_seconds()))
        topic.reply_count = n
        for _ in range(n):
            body = " ".join(rng.sample(SENTENCES, rng.choice([1, 1, 2, 3])))
            reply = Reply(
                topic=topic,
                neighborhood=neighborhood,
                author_id=rng.choice(people),
                body=body,
                body_html=render_markdown(body),
                created_at=topic.created_at + timedelta(seconds=rng.randrange(30, span)),
            )
            reply.fans = (
                [p for p in rng.sample(people, rng.randint(1, 5)) if p != reply.author_id]
                if rng.random() < 0.3
                else []
            )
            reply.support_count = len(reply.fans)
            topic.last_activity_at = max(topic.last_activity_at, reply.created_at)
            reply_rows.append(reply)
    for t in topic_rows:
        t.fans = [
            p
            for p in rng.sample(people, min(len(people), int(rng.expovariate(1 / 6))))
            if p != t.author_id
        ]
        t.support_count = len(t.fans)
        t.hot = hot_score(
            created_ts=t.created_at.timestamp(),
            supports=t.support_count,
            replies=t.reply_count,
            reads=t.read_count,
        )
    Topic.objects.bulk_create(topic_rows, batch_size=2000)
    for r in reply_rows:
        r.topic = r.topic  # sets topic_id from the now-saved topic, keeping it cached
    Reply.objects.bulk_create(reply_rows, batch_size=5000)
    supports = [
        Support(
            person_id=p,
            target="t",
            target_id=t.pk,
            topic_id=t.pk,
            neighborhood=neighborhood,
        )
        for t in topic_rows
        for p in t.fans
    ]
    supports += [
        Support(
            person_id=p,
            target="r",
            target_id=r.pk,
            topic_id=r.topic_id,
            neighborhood=neighborhood,
        )
        for r in reply_rows
        for p in r.fans
    ]
    links = [
        TopicCircle(topic=t, circle=c, last_activity_at=t.last_activity_at)
        for t, cs in zip(topic_rows, chosen, strict=False)
        for c in cs
    ]
    TopicCircle.objects.bulk_create(links, batch_size=5000)
    counts = {}
    for link in links:
        counts[link.circle_id] = counts.get(link.circle_id, 0) + 1
    for c in circles:
        c.topic_count += counts.get(c.pk, 0)
    Circle.objects.bulk_update(circles, ["topic_count"])
    public = {t.pk: t.visibility == "public" for t in topic_rows}
    entries = [
        SearchEntry(
            topic=t,
            neighborhood=neighborhood,
            public=t.visibility == "public",
            created_at=t.created_at,
            title_tokens=segment(t.title),
            body_tokens=segment(t.body),
        )
        for t in topic_rows
    ]
    entries += [
        SearchEntry(
            topic_id=r.topic_id,
            reply=r,
            neighborhood=neighborhood,
            public=public[r.topic_id],
            created_at=r.created_at,
            body_tokens=segment(*_sentences(r.body)),
        )
        for r in reply_rows
    ]
    SearchEntry.objects.bulk_create(entries, batch_size=5000)
    Support.objects.bulk_create(supports, batch_size=5000)
    if award_points:
        _award(neighborhood, topic_rows, reply_rows, supports)
    return [t.pk for t in topic_rows]


def _sentences(body):
    import re

    return [s for s in re.split(r"(?<=[。！？.!?])\s*", body) if s]


def _circles(neighborhood):
    Circle.objects.bulk_create(
        [Circle(neighborhood=neighborhood, name=n) for n in CIRCLES], ignore_conflicts=True
    )
    return list(Circle.objects.filter(neighborhood=neighborhood, name__in=CIRCLES))


def _award(neighborhood, topic_rows, reply_rows, supports):
    """One points entry per author for the generated year (the per-post entries would be 30,000 rows)."""
    from linli.stats.actions import points_award

    points = {}
    for t in topic_rows:
        points[t.author_id] = points.get(t.author_id, 0) + actions.POINTS["forum.topic"]
    for r in reply_rows:
        points[r.author_id] = points.get(r.author_id, 0) + actions.POINTS["forum.reply"]
    authors = {("t", t.pk): t.author_id for t in topic_rows} | {
        ("r", r.pk): r.author_id for r in reply_rows
    }
    for s in supports:
        author = authors.get((s.target, s.target_id))
        points[author] = points.get(author, 0) + actions.POINTS["forum.support_received"]
    # Below the second level's threshold an award changes no level shown (the default titles start
    # level 2 at 30 points): skipping those keeps the demo fast and every level right.
    for person_id, amount in points.items():
        if amount < 30:
            continue
        points_award(
            person=person_id,
            reason="forum.reply",
            amount=amount,
            key=f"forum.demo:{neighborhood.pk}:{person_id}",
            neighborhood=neighborhood,
        )


def _committee_topic(neighborhood):
    from linli.community.actions import profile_update

    secretary = Resident.objects.get(username="secretary")
    title, body = COMMITTEE_TOPIC
    topic = actions.topic_create(
        author=secretary,
        neighborhood=neighborhood,
        title=title,
        body=body,
        is_committee=True,
        circle_names=["设计", "规划"],
    )
    actions.topic_flag(actor=secretary, topic=topic, flag="pin", value=True)
    candidates = list(
        Resident.objects.filter(
            household__neighborhood=neighborhood, username__startswith="r"
        ).order_by("pk")[100 : 100 + len(DESIGNERS) * 37 : 37]
    )
    first = None
    for person, (skills, display, reply) in zip(candidates, DESIGNERS, strict=False):
        profile_update(
            resident=person,
            display_name=display,
            phone=person.phone,
            language=person.language,
            skills=skills,
        )
        answer = actions.reply_create(author=person, topic=topic, body=reply, parent=None)
        first = first or answer
    for username, body in [
        ("resident", "支持北门方案！7 号楼现在夏天味道太大了。"),
        ("leader", "7 号楼的居民基本都同意搬走，我去楼里再问问老人家的意见。"),
        ("emma", "Option 1 sounds good. Please keep the English notice too, thanks!"),
    ]:
        person = Resident.objects.filter(username=username).first()
        if person:
            actions.reply_create(author=person, topic=topic, body=body)
    if first:
        actions.best_answer_mark(actor=secretary, reply=first)
        for person in Resident.objects.filter(
            household__neighborhood=neighborhood, username__startswith="r"
        ).order_by("pk")[:25]:
            if person.pk != first.author_id:
                actions.support_add(person=person, topic=topic, reply=first)
    Topic.objects.filter(pk=topic.pk).update(read_count=1342)
