"""text_check / text_screen through the forum: held, rejected, personal data, sanctions, limits, duplicates, retraining."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from linli.forum import actions as forum
from linli.forum.models import Reply, SearchEntry, Topic
from linli.moderation import actions, screen
from linli.moderation.models import Case, ClassifierState, Sanction, Word
from linli.notify.models import Notification

from .conftest import AD, SPAM


def post(person, tree, title="问个事", body="小区东门几点关？", **kw):
    return forum.topic_create(
        author=person, neighborhood=tree.neighborhood, title=title, body=body, **kw
    )


def test_ordinary_topic_is_published(people, tree):
    topic = post(people["resident"], tree)
    assert not topic.held and not topic.hidden and not Case.objects.exists()


def test_spammy_topic_is_held_hidden_and_author_told(people, tree):
    topic = post(people["neighbour"], tree, title="闲置回收", body=AD)
    topic.refresh_from_db()
    assert topic.hidden
    case = Case.objects.get()
    assert (case.source, case.status, case.hidden, case.author_id) == (
        "scorer",
        "open",
        True,
        people["neighbour"].pk,
    )
    assert 0.5 <= case.score < 0.9 and case.reasons and "加微信" in case.text
    assert SearchEntry.objects.get(topic=topic).hidden
    assert (
        Notification.objects.filter(recipient=people["neighbour"], kind="moderation.held").count()
        == 1
    )
    # Staff approve: everyone sees it.
    actions.case_approve(case=case, actor=people["staff"])
    topic.refresh_from_db()
    assert not topic.hidden


def test_very_spammy_topic_is_rejected_with_the_reason_and_nothing_saved(people, tree):
    with pytest.raises(ValidationError, match="spam.*金沙娱乐"):
        post(people["neighbour"], tree, title="好消息", body=SPAM)
    assert not Topic.objects.exists() and not Case.objects.exists()


def test_held_reply_is_hidden_and_the_topic_author_not_told(people, tree):
    topic = post(people["resident"], tree)
    reply = forum.reply_create(author=people["far_resident"], topic=topic, body=AD)
    reply.refresh_from_db()
    topic.refresh_from_db()
    assert reply.hidden and topic.reply_count == 0
    assert not Notification.objects.filter(
        recipient=people["resident"], kind="forum.reply"
    ).exists()


def test_personal_data_in_a_public_post_is_pointed_out_first(people, tree):
    body = "我家狗丢了，看到请打 13912345678，住 5号楼1201室"
    with pytest.raises(ValidationError, match="13912345678") as caught:
        post(people["resident"], tree, title="寻狗", body=body)
    assert "room number" in str(caught.value) and not Topic.objects.exists()
    assert post(people["resident"], tree, title="寻狗", body=body, visibility="residents").pk
    assert post(people["resident"], tree, title="寻狗2", body=body + "。", confirm_personal=True).pk


def test_muted_author_cannot_post_until_then_and_ban_is_everywhere(people, tree, other_tree):
    topic = post(people["neighbour"], tree, title="闲置回收", body=AD)
    case = Case.objects.get(object_id=topic.pk)
    with pytest.raises(ValidationError, match="reason"):
        actions.case_mute(case=case, actor=people["staff"], days=3, note="")
    with pytest.raises(ValidationError, match="1 to 365"):
        actions.case_mute(case=case, actor=people["staff"], days=0, note="广告")
    assert not Sanction.objects.exists()
    actions.case_mute(case=case, actor=people["staff"], days=3, note="广告")
    with pytest.raises(ValidationError, match="muted until.*广告"):
        post(people["neighbour"], tree)
    sanction = Sanction.objects.get()
    actions.sanction_lift(sanction=sanction, actor=people["staff"])
    assert post(people["neighbour"], tree).pk
    case.refresh_from_db()
    case.status = "open"
    case.save()
    actions.case_ban(case=case, actor=people["staff"], note="反复发广告")
    with pytest.raises(ValidationError, match="banned"):
        post(people["neighbour"], tree, body="另一个问题")
    assert screen.sanction_of(people["neighbour"], other_tree.neighborhood).kind == "ban"


def test_posting_fast_is_refused(people, tree, monkeypatch):
    monkeypatch.setattr(screen, "POSTS_PER_10_MINUTES", 2)
    post(people["resident"], tree, title="一", body="第一个问题是什么")
    post(people["resident"], tree, title="二", body="第二个问题不一样")
    with pytest.raises(ValidationError, match="posted a lot"):
        post(people["resident"], tree, title="三", body="第三个问题也不同")


def test_near_duplicate_of_a_recent_post_is_held(people, tree):
    text = "周六上午在一米会客厅有亲子手工活动，做环保袋，材料居委会准备，欢迎带孩子来参加。"
    assert not post(people["resident"], tree, title="活动", body=text).held
    assert post(people["far_resident"], tree, title="活动!", body=text).held


def test_blocked_word_refuses_and_staff_keep_the_list(people, tree):
    with pytest.raises(PermissionDenied):
        actions.word_add(
            actor=people["resident"], neighborhood=tree.neighborhood, word="某某", kind="block"
        )
    with pytest.raises(ValidationError):
        actions.word_add(
            actor=people["staff"], neighborhood=tree.neighborhood, word="   ", kind="block"
        )
    actions.word_add(
        actor=people["staff"], neighborhood=tree.neighborhood, word="某某楼盘", kind="block"
    )
    with pytest.raises(ValidationError, match="某某楼盘"):
        post(people["resident"], tree, body="大家觉得某某楼盘怎么样")
    actions.word_remove(actor=people["staff"], word=Word.objects.get())
    assert post(people["resident"], tree, body="大家觉得某某楼盘怎么样").pk


def test_staff_posts_are_trusted(people, tree):
    assert not post(
        people["staff"], tree, title="通知", body="明天停水，请大家储水。联系物业：加微信 wuye01"
    ).held


def test_retrain_learns_from_staff_decisions(people, tree, monkeypatch):
    monkeypatch.setattr(
        screen, "labelled_examples", lambda: [(True, "赌场 首存 彩金"), (False, "电梯 坏了 物业")]
    )
    text = "团购水果群里新到的车厘子"
    topic_type = ContentType.objects.get(app_label="forum", model="topic")
    for pk in (1, 2, 3):
        Case.objects.create(
            content_type=topic_type,
            object_id=pk,
            neighborhood=tree.neighborhood,
            status="deleted",
            text=text,
            excerpt=text,
        )
    state = actions.retrain()
    assert ClassifierState.objects.get() == state and state.spam_count == 4 and state.ham_count == 1
    assert screen.classifier().probability(text) > 0.9
    Case.objects.update(status="approved")
    actions.retrain()
    assert ClassifierState.objects.count() == 1 and screen.classifier().probability(text) < 0.5


def test_appeal_once_by_the_author_back_to_the_queue(people, tree):
    topic = post(people["neighbour"], tree, title="闲置回收", body=AD)
    case = Case.objects.get(object_id=topic.pk)
    with pytest.raises(PermissionDenied, match="appeal"):
        actions.case_appeal(
            case=case, person=people["neighbour"], note="不是广告"
        )  # still open: nothing decided
    actions.case_hide(case=case, actor=people["staff"], note="像广告")
    with pytest.raises(PermissionDenied):
        actions.case_appeal(case=case, person=people["resident"], note="我替他申诉")
    with pytest.raises(ValidationError):
        actions.case_appeal(case=case, person=people["neighbour"], note="  ")
    case = actions.case_appeal(case=case, person=people["neighbour"], note="我是真的要回收旧家电")
    assert case.status == "open" and case.appeal_note and case.hidden
    actions.case_hide(case=case, actor=people["staff"], note="还是广告")
    case.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.case_appeal(case=case, person=people["neighbour"], note="再申诉")


def test_supports_and_reports_are_rate_limited(people, tree, monkeypatch):
    monkeypatch.setitem(actions.LIMITS, "support", (1, 600))
    t1 = post(people["resident"], tree, title="一", body="第一个问题是什么")
    t2 = post(people["resident"], tree, title="二", body="第二个问题不一样")
    forum.support_add(person=people["neighbour"], topic=t1)
    with pytest.raises(ValidationError, match="too often"):
        forum.support_add(person=people["neighbour"], topic=t2)
    assert Reply.objects.count() == 0 and t2.support_count == 0


def test_privacy_export_and_anonymise(people, tree):
    from linli.moderation import privacy
    from linli.moderation.models import Fingerprint

    topic = post(people["neighbour"], tree, title="二手", body=AD)
    case = actions.case_mute(
        case=Case.objects.get(object_id=topic.pk), actor=people["staff"], days=2, note="广告"
    )
    actions.case_appeal(case=case, person=people["neighbour"], note="我是自己卖旧物")
    data = privacy.export(people["neighbour"])
    assert data["appeals"][0]["note"] == "我是自己卖旧物" and data["sanctions"][0]["kind"] == "mute"
    privacy.anonymise(people["neighbour"])
    assert (
        privacy.export(people["neighbour"])["appeals"][0]["note"] == ""
        and not Sanction.objects.exists()
    )
    assert not Fingerprint.objects.filter(author=people["neighbour"]).exists()


def test_reasons_are_in_chinese_for_chinese_readers(people, tree):
    from django.utils import translation

    with (
        translation.override("zh-hans"),
        pytest.raises(ValidationError, match="垃圾信息.*赌博用语"),
    ):
        post(people["neighbour"], tree, title="好消息", body=SPAM)


def test_reports_are_limited_per_person_and_per_address(people, tree, monkeypatch):
    monkeypatch.setitem(actions.LIMITS, "report", (1, 3600))
    topics = [
        post(people["resident"], tree, title=f"第{i}个", body=f"问题{i}是什么") for i in range(5)
    ]
    actions.report_create(
        reporter=people["neighbour"], target=topics[0], reason="spam", ip="10.0.0.1"
    )
    with pytest.raises(ValidationError, match="too often"):
        actions.report_create(
            reporter=people["neighbour"], target=topics[1], reason="spam", ip="10.0.0.1"
        )
    actions.report_create(
        reporter=people["far_resident"], target=topics[1], reason="spam", ip="10.0.0.1"
    )
    actions.report_create(reporter=people["leader"], target=topics[2], reason="spam", ip="10.0.0.1")
    with pytest.raises(
        ValidationError, match="too often"
    ):  # a fourth person from the same address (limit × 3)
        actions.report_create(
            reporter=people["housemate"], target=topics[3], reason="spam", ip="10.0.0.1"
        )
    assert Case.objects.count() == 3
