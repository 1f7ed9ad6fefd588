import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from linli.stats import actions, selectors
from linli.stats.models import Standing


def test_points_are_awarded_once_per_key_and_revocable(people):
    alice = people["resident"]
    assert actions.points_award(person=alice, reason="forum.topic", amount=5, key="forum.topic:1")
    assert not actions.points_award(
        person=alice, reason="forum.topic", amount=5, key="forum.topic:1"
    )
    actions.points_award(person=alice, reason="forum.best_answer", amount=30, key="forum.best:9")
    assert Standing.objects.get(person=alice).points == 35
    assert actions.points_revoke(key="forum.best:9")
    assert Standing.objects.get(person=alice).points == 5


def test_levels_of_many_people_cost_two_queries(people, django_assert_num_queries):
    actions.points_award(person=people["resident"], reason="x", amount=200, key="a")
    ids = [p.pk for p in people.values() if getattr(p, "pk", None)]
    with django_assert_num_queries(2):
        levels = selectors.levels_of(ids)
    assert levels[people["resident"].pk].level == 3 and levels[people["neighbour"].pk].level == 1


def test_neighborhood_titles_replace_defaults(people, tree):
    actions.levels_set(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        levels=[(0, "萌新", "Newbie"), (10, "老邻居", "Old hand")],
    )
    actions.points_award(person=people["resident"], reason="x", amount=12, key="a")
    level = selectors.levels_of([people["resident"].pk], tree.neighborhood.pk)[
        people["resident"].pk
    ]
    assert (level.level, level.title) == (2, "老邻居")


@pytest.mark.parametrize(
    "levels", [[], [(5, "a", "")], [(0, "a", ""), (0, "b", "")], [(0, "a", ""), (10, " ", "")]]
)
def test_bad_level_tables_change_nothing(people, tree, levels):
    with pytest.raises(ValidationError):
        actions.levels_set(neighborhood=tree.neighborhood, actor=people["staff"], levels=levels)
    assert selectors.level_titles(tree.neighborhood.pk) == actions.DEFAULT_LEVELS


def test_only_committee_staff_configure_levels(people, tree, login):
    with pytest.raises(PermissionDenied):
        actions.levels_set(
            neighborhood=tree.neighborhood, actor=people["leader"], levels=[(0, "a", "")]
        )
    url = reverse("stats:levels-edit", args=[tree.neighborhood.slug])
    assert login(people["resident"]).get(url).status_code == 403
    c = login(people["staff"])
    assert c.get(url).status_code == 200
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "2",
        "form-MAX_NUM_FORMS": "12",
        "form-0-min_points": "0",
        "form-0-title": "新人",
        "form-1-min_points": "20",
        "form-1-title": "熟人",
    }
    assert c.post(url, data).status_code == 302
    assert [t[2] for t in selectors.level_titles(tree.neighborhood.pk)] == ["新人", "熟人"]
