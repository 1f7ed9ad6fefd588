"""Pages `make bench` drives for the forum, and the data behind the issue's figures.

generate(scale): 2,000 × scale topics and 20,000 × scale replies in the demo neighborhood
(scale 100 → 200,000 topics and 2,000,000 replies), added in chunks to what is there, so a
second run adds nothing. One topic has 500 replies for the topic page.
"""

CHUNK_TOPICS = 10_000


def _big_topic_path():
    from django.db.models import Max

    from .models import Topic

    best = (
        Topic.objects.filter(
            neighborhood__slug="binjiang", visibility="public", hidden=False
        ).aggregate(m=Max("reply_count"))["m"]
        or 0
    )
    topic = (
        Topic.objects.filter(
            neighborhood__slug="binjiang", visibility="public", hidden=False, reply_count=best
        )
        .order_by("pk")
        .first()
    )
    return topic.get_absolute_url() if topic else "/forum/"


PAGES = [
    dict(name="forum.topic-list", path="/forum/n/binjiang/", user="resident"),
    dict(name="forum.topic-detail", path=_big_topic_path, user="resident"),
    dict(
        name="forum.search",
        path="/forum/n/binjiang/search/?q=%E5%9E%83%E5%9C%BE%E5%88%86%E7%B1%BB",
        user="resident",
    ),
]


def generate(scale: int, stdout):
    from django.db import transaction

    from linli.community.models import Neighborhood, Resident

    from . import demo
    from .models import Reply, Topic

    neighborhood = Neighborhood.objects.filter(slug="binjiang").first()
    if neighborhood is None:
        stdout.write("forum bench data: run `linli demo` first\n")
        return
    want_topics, want_replies = 2_000 * scale, 20_000 * scale
    people = list(
        Resident.objects.filter(
            household__neighborhood=neighborhood, verified_at__isnull=False
        ).values_list("pk", flat=True)
    )
    round_ = 0
    while True:
        have_topics = Topic.objects.filter(neighborhood=neighborhood).count()
        have_replies = Reply.objects.filter(neighborhood=neighborhood).count()
        missing = want_topics - have_topics
        if missing <= 0:
            break
        topics = min(CHUNK_TOPICS, missing)
        replies = max(0, want_replies - have_replies) * topics // missing
        big = (
            500
            if not Topic.objects.filter(neighborhood=neighborhood, reply_count__gte=500).exists()
            else 0
        )
        with transaction.atomic():
            demo.generate(
                neighborhood=neighborhood,
                topics=topics,
                replies=replies,
                seed=10_000 + have_topics,
                people=people,
                big_topic_replies=big,
            )
        round_ += 1
        stdout.write(
            f"forum bench data: {have_topics + topics:,} topics, {have_replies + replies:,} replies asked\n"
        )
    written = {
        "topics": Topic.objects.filter(neighborhood=neighborhood).count(),
        "replies": Reply.objects.filter(neighborhood=neighborhood).count(),
    }
    stdout.write(
        f"forum bench data: {written['topics']:,} topics and {written['replies']:,} replies written\n"
    )
    return {**written, "topics_asked": want_topics, "replies_asked": want_replies}
