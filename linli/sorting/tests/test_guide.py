"""The search index: Chinese, English, pinyin, initials, segmentation and near spellings, and its speed."""

import pytest

from linli.sorting import guide
from linli.sorting.bench import bench_rows


@pytest.fixture(scope="module")
def index():
    rows = [
        (
            i,
            r["name_zh"],
            r["name_en"],
            r["synonyms"],
            r["kind"],
            guide.keys_for(r["name_zh"], r["synonyms"]),
            guide.tokens_for(r["name_zh"], r["synonyms"]),
        )
        for i, r in enumerate(guide.curated_rows())
    ]
    return guide.Index(rows)


def names(index, query, n=5):
    return [e.name_zh for e, _s in index.search(query, limit=n)]


def test_curated_list_has_at_least_500_items_in_the_four_kinds_and_bulky():
    rows = guide.curated_rows()
    assert len(rows) >= 500
    assert len({r["name_zh"] for r in rows}) == len(rows)
    assert {r["kind"] for r in rows} == {"recyclable", "hazardous", "wet", "dry", "bulky"}
    assert all(r["preparation"] in guide.PREPARATION for r in rows)


@pytest.mark.parametrize(
    "name, kind",
    [
        ("普通干电池", "dry"),
        ("充电电池", "hazardous"),
        ("大骨头", "dry"),
        ("鸡骨头", "wet"),
        ("贝壳", "dry"),
        ("蟹壳", "wet"),
        ("快递纸箱", "recyclable"),
        ("过期药品", "hazardous"),
        ("纸巾", "dry"),
        ("茶叶渣", "wet"),
        ("塑料袋", "dry"),
        ("荧光灯管", "hazardous"),
    ],
)
def test_curated_kinds_follow_the_shanghai_rules(name, kind):
    assert {r["name_zh"]: r["kind"] for r in guide.curated_rows()}[name] == kind


def test_exact_chinese_name_comes_first(index):
    assert names(index, "香蕉皮")[0] == "香蕉皮"


def test_synonym_finds_the_item(index):
    assert names(index, "利乐包")[0] == "牛奶盒"


def test_english_word_finds_the_item(index):
    assert "报纸" in names(index, "newspaper")


def test_pinyin_initials_and_full_pinyin(index):
    assert names(index, "kqsp")[0] == "矿泉水瓶"
    assert names(index, "kuangquanshuiping")[0] == "矿泉水瓶"


def test_near_spelling_in_english(index):
    assert "报纸" in names(index, "newpaper")
    assert "纸板" in names(index, "cardbord")


def test_jieba_segmentation_of_a_longer_phrase(index):
    assert "报纸" in names(index, "用过的旧报纸", n=10)


def test_unknown_item_finds_nothing(index):
    assert index.search("qqxzvw") == []


def test_search_over_5000_items_still_finds_the_right_item():
    # How fast this is over 5,000 items is a figure of `make bench` (sorting.bench.report), not a timed test.
    index = guide.Index(bench_rows(5000))
    assert len(index.entries) == 5000
    assert index.search("kqsp")[0][0].name_zh.startswith("矿泉水瓶")
    assert all("电池" in e.name_zh for e, _ in index.search("电池")[:10])
    assert (
        index.search("newpaper")[0][0].name_zh == "报纸"
    )  # a near spelling, the original item first
