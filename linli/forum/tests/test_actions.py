"""Writes: topics, replies, supports, best answers, staff flags, bad input that changes nothing."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from linli.audit.models import AuditEntry
from linli.forum import actions
from linli.forum.models import Circle, Reply, SearchEntry, Support, Topic, TopicImage
from linli.notify.models import Notification
from linli.stats.models import Standing


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English here (test_views checks the Chinese ones)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_topic_create_makes_circles_from_hashtags_and_names(topic, tree):
    names = sorted(c.name for c in topic.circles.all())
    assert names == ["垃圾分类", "设计"]
    assert Circle.objects.get(neighborhood=tree.neighborhood, name="垃圾分类").topic_count == 1
    assert SearchEntry.objects.filter(topic=topic, reply=None).count() == 1
    assert Standing.objects.get(person=topic.author).points == actions.POINTS["forum.topic"]


@pytest.mark.parametrize("who", ["unverified", "other_staff", "street_staff", "property"])
def test_outsiders_cannot_post(people, tree, who):
    with pytest.raises(PermissionDenied):
        actions.topic_create(
            author=people[who], neighborhood=tree.neighborhood, title="t", body="b"
        )
    assert Topic.objects.count() == 0


@pytest.mark.parametrize(
    "title,body,message",
    [
        ("", "body", "title"),
        ("   ", "body", "title"),
        ("ok", "", "Write something"),
        ("x" * 81, "body", "at most 80"),
        ("ok", "y" * 10_001, "at most 10000"),
        ("ok", "<script>alert(1)</script>", "HTML"),
        ("ok", "[click](javascript:alert(1))", "HTML"),
        ("ok", '<img src=x onerror="alert(1)">', "HTML"),
        ("ok", "@neighbour 你好 @neighbour", "more than once"),
    ],
)
def test_bad_topics_are_refused_and_change_nothing(people, tree, title, body, message):
    with pytest.raises(ValidationError) as error:
        actions.topic_create(
            author=people["resident"], neighborhood=tree.neighborhood, title=title, body=body
        )
    assert message.lower() in error.value.messages[0].lower()
    assert (
        Topic.objects.count() == 0
        and Circle.objects.count() == 0
        and SearchEntry.objects.count() == 0
    )


def _png(size=(40, 30), exif=True):
    out = io.BytesIO()
    image = Image.new("RGB", size, "red")
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SpyCam"  # Make
        kwargs["exif"] = data.tobytes()
    image.save(out, "JPEG", **kwargs)
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


def test_images_are_reencoded_without_exif(people, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = _png()
    assert b"SpyCam" in upload.read()
    upload.seek(0)
    topic = actions.topic_create(
        author=people["resident"],
        neighborhood=tree.neighborhood,
        title="照片",
        body="看图",
        uploads=[upload],
    )
    [picture] = TopicImage.objects.filter(topic=topic)
    data = picture.file.read()
    assert b"SpyCam" not in data
    assert Image.open(io.BytesIO(data)).getexif().get(0x010F) is None


def test_fake_and_too_many_images_are_refused(people, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("evil.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="not a picture"):
        actions.topic_create(
            author=people["resident"],
            neighborhood=tree.neighborhood,
            title="t",
            body="b",
            uploads=[fake],
        )
    with pytest.raises(ValidationError, match="at most 9"):
        actions.topic_create(
            author=people["resident"],
            neighborhood=tree.neighborhood,
            title="t",
            body="b",
            uploads=[_png() for _ in range(10)],
        )
    assert Topic.objects.count() == 0 and TopicImage.objects.count() == 0


def test_reply_counts_notifies_author_and_mentions(topic, people):
    actions.reply_create(
        author=people["neighbour"], topic=topic, body="我觉得放在 3 号楼旁边 @far_resident"
    )
    topic.refresh_from_db()
    assert topic.reply_count == 1
    kinds = set(Notification.objects.values_list("recipient__username", "kind"))
    assert ("resident", "forum.reply") in kinds and ("far_resident", "forum.mention") in kinds


def test_mentions_work_with_the_displayed_name_even_without_a_space(topic, people):
    from linli.community.models import Resident

    Resident.objects.filter(pk=people["far_resident"].pk).update(display_name="老王")
    Resident.objects.filter(pk=people["leader"].pk).update(display_name="楼长")
    Resident.objects.filter(pk=people["housemate"].pk).update(display_name="小李")
    Resident.objects.filter(pk=people["owners"].pk).update(display_name="小李")  # not unique
    actions.reply_create(
        author=people["neighbour"], topic=topic, body="@老王你怎么看？ 还有 @楼长 和 @小李"
    )
    told = set(
        Notification.objects.filter(kind="forum.mention").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"far_resident", "leader"}  # two people show as 小李: neither is guessed


def test_reply_to_a_reply_quotes_it_and_tells_its_author(topic, people):
    first = actions.reply_create(author=people["neighbour"], topic=topic, body="第一条")
    second = actions.reply_create(
        author=people["far_resident"], topic=topic, body="同意", parent=first
    )
    assert second.parent_id == first.pk
    assert (
        Notification.objects.filter(recipient=people["neighbour"], kind="forum.quoted").count() == 1
    )


def test_replying_to_a_closed_topic_is_refused_and_counts_nothing(topic, people):
    actions.topic_flag(actor=people["staff"], topic=topic, flag="close", value=True)
    with pytest.raises(ValidationError, match="closed"):
        actions.reply_create(author=people["neighbour"], topic=topic, body="还能回复吗")
    topic.refresh_from_db()
    assert topic.reply_count == 0 and Reply.objects.count() == 0
    assert AuditEntry.objects.filter(action="forum.topic_close").count() == 1


def test_support_once_undo_and_refuse_twice(topic, people):
    actions.support_add(person=people["neighbour"], topic=topic)
    with pytest.raises(ValidationError, match="already support"):
        actions.support_add(person=people["neighbour"], topic=topic)
    topic.refresh_from_db()
    assert topic.support_count == 1 and Support.objects.count() == 1
    assert (
        Standing.objects.get(person=people["resident"]).points == actions.POINTS["forum.topic"] + 1
    )
    assert actions.support_remove(person=people["neighbour"], topic=topic) is True
    assert actions.support_remove(person=people["neighbour"], topic=topic) is False
    topic.refresh_from_db()
    assert topic.support_count == 0
    assert Standing.objects.get(person=people["resident"]).points == actions.POINTS["forum.topic"]


def test_cannot_support_own_post(topic, people):
    with pytest.raises(ValidationError):
        actions.support_add(person=people["resident"], topic=topic)


def test_best_answer_by_author_or_staff_only(topic, people):
    reply = actions.reply_create(author=people["neighbour"], topic=topic, body="建议放在北门")
    with pytest.raises(PermissionDenied):
        actions.best_answer_mark(actor=people["far_resident"], reply=reply)
    actions.best_answer_mark(actor=people["resident"], reply=reply)
    topic.refresh_from_db()
    assert topic.best_reply_id == reply.pk
    assert (
        Standing.objects.get(person=people["neighbour"]).points
        == actions.POINTS["forum.reply"] + actions.POINTS["forum.best_answer"]
    )
    actions.best_answer_clear(actor=people["staff"], topic=topic)
    assert Standing.objects.get(person=people["neighbour"]).points == actions.POINTS["forum.reply"]
    assert AuditEntry.objects.filter(action="forum.best_answer").count() == 1


def test_staff_move_changes_circle_counts(topic, people, tree):
    actions.topic_move(actor=people["staff"], topic=topic, circle_names=["规划"])
    counts = dict(
        Circle.objects.filter(neighborhood=tree.neighborhood).values_list("name", "topic_count")
    )
    assert counts == {"垃圾分类": 0, "设计": 0, "规划": 1}
    with pytest.raises(PermissionDenied):
        actions.topic_move(actor=people["resident"], topic=topic, circle_names=["x"])


def test_residents_only_topic_cannot_be_replied_by_outsider(residents_topic, people):
    with pytest.raises(PermissionDenied):
        actions.reply_create(author=people["other_staff"], topic=residents_topic, body="hi")


def test_huge_images_are_refused(people, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_IMAGE_BYTES = 100
    with pytest.raises(ValidationError, match="too large: at most 100"):
        actions.topic_create(
            author=people["resident"],
            neighborhood=tree.neighborhood,
            title="t",
            body="b",
            uploads=[_png((200, 200))],
        )
    settings.UPLOAD_MAX_IMAGE_BYTES = 10 * 1024 * 1024
    settings.UPLOAD_MAX_PIXELS = 100
    with pytest.raises(ValidationError, match="too many pixels"):
        actions.topic_create(
            author=people["resident"],
            neighborhood=tree.neighborhood,
            title="t",
            body="b",
            uploads=[_png((200, 200))],
        )
    assert Topic.objects.count() == 0


def test_a_support_carries_the_topics_neighborhood(topic, people):
    support = actions.support_add(person=people["neighbour"], topic=topic)
    assert Support.objects.get(pk=support.pk).neighborhood_id == topic.neighborhood_id
