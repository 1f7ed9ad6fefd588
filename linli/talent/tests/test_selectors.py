"""Search and "who could answer this?"."""

from linli.talent import selectors
from linli.talent.text import tokens

from .factories import declare


def test_tokens_drop_stopwords_and_single_characters():
    words = tokens("请问大家，垃圾分类房的选址有什么建议？ Who knows about the law")
    assert "垃圾" in words and "选址" in words and "law" in words
    assert "请问" not in words and "的" not in words and "who" not in words


def test_match_ranks_skills_above_background_and_counts_circles(people, tree, skills, talents):
    declare(
        people["resident"],
        [skills["环保与垃圾分类"]],
        background="做过社区花园",
        visibility="residents",
    )
    declare(people["leader"], [skills["翻译"]], background="对垃圾分类宣传感兴趣")
    found = selectors.talent_match(
        neighborhood=tree.neighborhood, text="垃圾分类房放在哪里？", circles=["#垃圾分类"]
    )
    names = [m.profile.person.username for m in found]
    assert names[:2] == ["resident", "leader"]
    assert found[0].score > found[1].score
    assert "designer" not in names and "far_resident" not in names


def test_match_finds_nothing_for_empty_or_unrelated_text(tree, talents):
    assert selectors.talent_match(neighborhood=tree.neighborhood, text="") == []
    assert selectors.talent_match(neighborhood=tree.neighborhood, text="量子物理") == []


def test_match_stays_in_its_neighborhood(people, other_tree, talents):
    assert selectors.talent_match(neighborhood=other_tree.neighborhood, text="律师 景观设计") == []


def test_residents_search_sees_only_profiles_shown_to_residents(tree, talents):
    staff_view = selectors.profile_search(neighborhood=tree.neighborhood, staff=True)
    resident_view = selectors.profile_search(neighborhood=tree.neighborhood, staff=False)
    assert {p.person.username for p in staff_view} == {"neighbour", "far_resident"}
    assert {p.person.username for p in resident_view} == {"neighbour"}


def test_search_filters(tree, skills, talents):
    def names(**kw):
        return {
            p.person.username
            for p in selectors.profile_search(neighborhood=tree.neighborhood, staff=True, **kw)
        }

    assert names(skill=skills["法律"].pk) == {"far_resident"}
    assert names(language="english") == {"neighbour"}
    assert names(building=tree.buildings[1].pk) == {"far_resident"}
    assert names(help_kind="teaching") == {"far_resident"}
    assert names(q="pocket") == {"neighbour"}
    assert names(q="pocket 律师") == set()
    assert names(availability="daytime") == set()
