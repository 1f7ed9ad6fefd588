"""The search index: Chinese, English, pinyin, initials, segmentation and near spellings, and its speed."""

import statistics
import time

import pytest

from linli.sorting import guide


@pytest.fixture(scope="module")
def index():
    rows = [(i, r["name_zh"], r["name_en"], r["synonyms"], r["kind"], guide.keys_for(r["name_zh"], r["synonyms"]), guide.tokens_for(r["name_zh"], r["synonyms"]))
            for i, r in enumerate(guide.curated_rows())]
    return guide.Index(rows)


def names(index, query, n=5):
    return [e.name_zh for e, _s in index.search(query, limit=n)]


def test_curated_list_has_at_least_500_items_in_the_four_kinds_and_bulky():
    rows = guide.curated_rows()
    assert len(rows) >= 500
    assert len({r["name_zh"] for r in rows}) == len(rows)
    assert {r["kind"] for r in rows} == {"recyclable", "hazardous", "wet", "dry", "bulky"}
    assert all(r["preparation"] in guide.PREPARATION for r in rows)


@pytest.mark.parametrize("name, kind", [
    ("普通干电池", "dry"), ("充电电池", "hazardous"), ("大骨头", "dry"), ("鸡骨头", "wet"), ("贝壳", "dry"), ("蟹壳", "wet"),
    ("快递纸箱", "recyclable"), ("过期药品", "hazardous"), ("纸巾", "dry"), ("茶叶渣", "wet"), ("塑料袋", "dry"), ("荧光灯管", "hazardous"),
])
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


def test_search_takes_at_most_10ms_p95_over_5000_items():
    base = guide.curated_rows()
    rows = []
    for i in range(5000):
        r = base[i % len(base)]
        rows.append((i, r["name_zh"] + (str(i) if i >= len(base) else ""), r["name_en"], r["synonyms"], r["kind"], guide.keys_for(r["name_zh"], r["synonyms"]),
                     guide.tokens_for(r["name_zh"], r["synonyms"])))
    index = guide.Index(rows)
    queries = ["电池", "battery", "kqsp", "newpaper", "用过的旧报纸", "奶茶杯", "dc", "外卖", "glas bottle", "纸", "p", "过期药", "塑料"]
    index.search("热身")
    timings = []
    for _ in range(4):
        for q in queries:
            start = time.perf_counter()
            index.search(q)
            timings.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(timings, n=20)[-1]
    assert p95 <= 10, f"p95 {p95:.1f} ms"
