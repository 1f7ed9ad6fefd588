"""The labelled corpus and how well the score generalises to kinds of spam it was not trained on."""

import json

import pytest

from linli.moderation import evaluate, scoring
from linli.moderation.corpus import generate
from linli.moderation.screen import CORPUS, corpus_rows


@pytest.fixture(scope="module")
def loko():
    return evaluate.leave_one_kind_out()


def test_the_corpus_in_the_repo_is_what_the_seeded_generators_make():
    with CORPUS.open(encoding="utf-8") as fh:
        shipped = [json.loads(line) for line in fh]
    assert generate.build() == shipped


def test_the_corpus_has_a_thousand_of_each_in_the_kinds_the_issue_names():
    rows = corpus_rows()
    spam = [r for r in rows if r["label"] == "spam"]
    ham = [r for r in rows if r["label"] == "ham"]
    assert len(spam) >= 1000 and len(ham) >= 1000
    kinds = {r["kind"] for r in spam}
    assert len(kinds) >= 12 and kinds == set(generate.SPAM_KINDS)
    assert {
        "news_forward",
        "gov_mention",
        "secondhand",
        "announcement",
        "english",
        "complaint_money",
    } <= {r["kind"] for r in ham}
    assert {r["source"] for r in rows} == {"generated", "hand"}
    assert any("gov.cn" in r["text"] for r in ham)
    assert any("本文来自网友发表" in r["text"] and "LV8 六年级" in r["text"] for r in spam)


def test_every_kind_left_out_of_training_is_still_caught_97_percent(loko):
    low = {k: v["recall"] for k, v in loko["kinds"].items() if v["recall"] < 0.97}
    assert not low, (low, loko["missed"][:5])
    assert len(loko["kinds"]) == len(generate.SPAM_KINDS)


def test_at_most_half_a_percent_of_ordinary_texts_are_held_and_none_refused(loko):
    assert loko["ham_held_rate"] <= 0.005, loko["false"][:5]
    assert loko["ham_rejected"] == 0


def test_the_per_kind_table_names_every_kind_with_recall_and_precision(loko):
    lines = evaluate.table(loko)
    for kind in generate.SPAM_KINDS:
        assert any(line.startswith(kind) and "%" in line for line in lines)
    assert "ham held" in lines[-2]


def test_hand_written_samples_are_caught_by_a_classifier_that_never_saw_them():
    r = evaluate.handwritten()
    assert r["spam"] >= 12 and r["caught"] >= r["spam"] - 1, r["missed"]
    assert r["held"] == 0, r["false"]


def test_a_seo_shell_around_genuine_neighborhood_news_is_held_for_the_reasons_it_is():
    """The issue's example: no gambling word at all, only the shape of the page."""
    text = (
        "星空网址 xk668 ✨\n"
        "社区食堂开业一个月来，每天为近三百位老人提供午餐，八十岁以上老人和困难家庭可以享受就餐补贴。\n"
        "星空网址 xk668\n"
        "居委会表示，下一步将根据老人的意见调整菜单。\n"
        "支持楼主 阅读原文 举报\n全部评论 默认 最新 楼主\n"
        "清风徐来 LV8 六年级 网红餐厅被曝使用过期食材😂 来自福建\n"
        "夜猫子 LV3 二年级 新款手机发布 售价再创新高🔥 来自江苏\n"
    )
    verdict = scoring.score(text)
    assert verdict.decision != "publish"
    reasons = " ".join(verdict.reasons)
    assert "星空网址" in reasons and "xk668" in reasons
    assert "furniture" in reasons and "made-up comments" in reasons


def test_the_same_news_forwarded_by_a_resident_with_its_source_is_published():
    text = (
        "转一条澎湃新闻的消息：社区食堂开业一个月来，每天为近三百位老人提供午餐，"
        "八十岁以上老人和困难家庭可以享受就餐补贴。（来源：澎湃新闻）咱们小区什么时候也有？"
    )
    assert scoring.score(text).decision == "publish"
    official = "关于医保报销，国家医保局官网www.nhsa.gov.cn有异地就医备案的流程，大家可以去看看。"
    assert scoring.score(official).decision == "publish"


def test_a_long_committee_announcement_full_of_news_is_published_by_the_trained_scorer():
    """Genuine news sits inside SEO shells, so the classifier leans spam on it; alone it cannot hold."""
    from linli.moderation.corpus import fragments as F
    from linli.moderation.screen import labelled_examples

    model = scoring.Classifier.trained(labelled_examples())
    text = "关于召开业主大会的公告\n" + "\n".join(F.NEWS_NATIONAL + F.NEWS_NEIGHBORHOOD) * 2
    assert len(text.encode()) > 5000 and model.probability(text) > 0.9
    assert scoring.score(text, classifier=model).decision == "publish"
