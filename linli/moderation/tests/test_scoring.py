"""The pure score: rules, the classifier, account signals, personal data; the figures on the labelled set."""

import pytest

from linli.moderation import scoring
from linli.moderation.scoring import Classifier, Signals, personal_data, score
from linli.moderation.screen import labelled_examples

from .conftest import SPAM


@pytest.fixture(scope="module")
def model():
    return Classifier.trained(labelled_examples())


def test_rules_alone_catch_most_spam_and_hold_no_ordinary_post():
    rows = labelled_examples()
    caught = [score(t).decision != "publish" for s, t in rows if s]
    held = [score(t).decision != "publish" for s, t in rows if not s]
    assert sum(caught) / len(caught) >= 0.8 and not any(held)


def test_seo_gambling_spam_is_rejected_with_reasons(model):
    verdict = score(SPAM, classifier=model)
    assert verdict.decision == "reject"
    text = " ".join(verdict.reasons)
    assert "金沙娱乐" in text and "web addresses" in text and "gambling" in text and "emoji" in text


def test_ordinary_posts_are_published(model):
    for text in [
        "3号楼电梯又坏了，物业能尽快修一下吗？",
        "我家猫走丢了，橘色的，有看到的邻居告诉我一声",
        "Selling a kid's bike, 100 yuan, pick up in building 2.",
    ]:
        assert score(text, classifier=model).decision == "publish", text


def test_account_signals_raise_and_trust_lowers(model):
    text = "周末有空的邻居加微信一起拼团买水果"
    fresh = score(
        text, classifier=model, signals=Signals(age_days=0, verified=False, recent_posts=8)
    )
    trusted = score(text, classifier=model, signals=Signals(age_days=400, verified=True))
    assert fresh.score > trusted.score
    assert any("unverified" in r for r in fresh.reasons) and any(
        "posting fast" in r for r in fresh.reasons
    )


def test_word_lists_block_and_watch():
    assert score("这家店的东西太差了", words={"block": ["太差了"]}).decision == "reject"
    watched = score("团购群的消息", words={"watch": ["团购群"]})
    assert watched.score > score("团购群的消息").score and "watches" in " ".join(watched.reasons)


def test_near_duplicate_signal_holds():
    assert score("楼下花园的长椅坏了", signals=Signals(duplicate=0.9)).decision == "hold"


def test_personal_data_is_found():
    found = personal_data(
        "我的电话 138 1234 5678，身份证 310101199001011234，住 5号楼1201室，也可以找 3-2-501"
    )
    kinds = [k for k, _v in found]
    assert kinds.count("phone") == 1 and kinds.count("id_card") == 1 and kinds.count("room") == 2
    assert personal_data("5楼的灯坏了，下午3点来修，费用200元") == []


def test_classifier_round_trips_through_json(model):
    again = Classifier.from_json(model.as_json())
    assert again.probability(SPAM) == pytest.approx(model.probability(SPAM))
    assert scoring.Classifier().probability("任何内容") == 0.5
