"""The street's overview: each neighborhood's figures come from the stored counters and
monthly figures of the apps (office, consult, sorting, stats) and the escalations, in a
constant number of queries however many neighborhoods, requests and residents there are;
neighborhoods can be compared and one opened."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.community.testing import make_person, make_tree
from linli.consult.models import BuildingTally, Consultation
from linli.office import actions as office
from linli.sorting.models import BuildingMonth
from linli.stats.actions import points_award
from linli.street import actions, selectors


def _figures(tree, people, submit):
    """In nb: 3 requests (one resolved in time, one overdue), one escalated; 6 of 8 households
    heard in a consultation; sorting 9 good + 4 mixed of 16; 2 people active."""
    nb = tree.neighborhood
    done = submit()
    office.request_transition(request=done, actor=people["property"], to="accepted")
    office.request_transition(request=done, actor=people["property"], to="resolved")
    late = submit("neighbour", description="B2 车库顶板又在滴水，车都被弄脏了。")
    from linli.office.models import Request

    Request.objects.filter(pk=late.pk).update(accept_due=timezone.now() - timedelta(hours=1))
    third = submit("far_resident", description="车库入口积水，一直没人来排。")
    actions.escalation_create(
        request=third, actor=people["staff"], reason="需要城管和房管协调处理。"
    )
    now = timezone.now()
    consultation = Consultation.objects.create(
        neighborhood=nb, title="加装电梯意见征集", opens_at=now - timedelta(days=10), closes_at=now
    )
    for b, heard in zip(tree.buildings, (4, 2), strict=True):
        BuildingTally.objects.create(
            consultation=consultation, building=b, eligible_households=4, households_heard=heard
        )
    month = timezone.localdate().replace(day=1)
    BuildingMonth.objects.create(
        neighborhood=nb, building=tree.buildings[0], month=month, good=9, mixed=4, contaminated=3
    )
    for i, who in enumerate(("resident", "neighbour", "resident")):
        points_award(person=people[who], reason="t", amount=5, key=f"k{i}", neighborhood=nb)


def test_the_overview_shows_each_neighborhoods_figures(submit, people, tree, other_tree):
    _figures(tree, people, submit)
    rows = {
        r.neighborhood.slug: r
        for r in selectors.overview(tree.street, list(selectors.street_neighborhoods(tree.street)))
    }
    nb, other = rows["nb"], rows["other"]
    assert (nb.households, other.households) == (8, 4)
    assert nb.open_requests == 2 and nb.overdue_requests == 1
    assert nb.submitted == 3 and nb.on_time == 100
    assert nb.participation == 75 and nb.consultations == 1
    assert nb.sorting_score == 69  # (9 + 4/2) / 16
    assert nb.active_people == 2
    assert nb.escalations_open == 1 and nb.escalations_overdue == 0
    assert nb.per_month[-1] == 3
    assert other.open_requests == 0 and other.participation is None and other.sorting_score is None


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_the_overview_costs_the_same_queries_for_two_or_six_neighborhoods(
    submit, people, tree, other_tree, login, django_assert_max_num_queries
):
    _figures(tree, people, submit)
    client = login(people["street_staff"])
    url = reverse("street:overview", args=[tree.street.pk])
    client.get(url)  # warm the per-process caches (the street of each neighborhood)
    few, _page = _page_queries(client, url)
    for n in range(4):
        more = make_tree(f"more{n}", street=tree.street, buildings=2)
        make_person(f"someone{n}", more.buildings[0].homes[0])
        points_award(
            person=people["resident"],
            reason="t",
            amount=1,
            key=f"m{n}",
            neighborhood=more.neighborhood,
        )
    client.get(url)
    many, page = _page_queries(client, url)
    assert many == few
    with django_assert_max_num_queries(14):
        client.get(url)
    body = page.content.decode()
    assert body.count('name="n"') == 6 and body.count('class="chart"') == 6


def test_ticking_neighborhoods_compares_only_those(people, tree, other_tree, login):
    make_tree("third", street=tree.street, buildings=1)
    client = login(people["street_staff"])
    page = client.get(reverse("street:overview", args=[tree.street.pk]), {"n": ["nb", "third"]})
    body = page.content.decode()
    assert page.status_code == 200
    assert 'value="nb"' in body and 'value="third"' in body and 'value="other"' not in body


def test_one_neighborhood_opens_with_its_figures_and_pages(
    submit, people, tree, other_tree, login, django_assert_max_num_queries
):
    _figures(tree, people, submit)
    client = login(people["street_staff"])
    url = reverse("street:neighborhood", args=[tree.street.pk, "nb"])
    with django_assert_max_num_queries(16):
        page = client.get(url)
    body = page.content.decode()
    assert "75%" in body and reverse("office:dashboard", args=["nb"]) in body
    # Figures only: no resident's name or phone.
    assert "张三" not in body and "13811112222" not in body
    # A neighborhood of another street is not found under this one.
    far = make_tree("far")
    assert (
        client.get(
            reverse("street:neighborhood", args=[tree.street.pk, far.neighborhood.slug])
        ).status_code
        == 404
    )


def test_the_page_is_english_for_english_readers(people, tree, other_tree, login):
    client = login(people["street_staff"])
    page = client.get(reverse("street:overview", args=[tree.street.pk]), HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert "Neighborhoods of the street" in body and "nb Neighborhood" in body
    zh = client.get(
        reverse("street:overview", args=[tree.street.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "街道的居民区" in zh.content.decode()


def test_months_back_ends_with_this_month():
    from linli.office.figures import months_back

    labels = months_back(12)
    assert len(labels) == 12 and labels[-1] == timezone.localdate().replace(day=1)
    assert all(isinstance(m, date) for m in labels)


@pytest.mark.parametrize("status", ["open", "escalated", "routed", "resolved", "returned", "x"])
def test_the_escalation_list_filters_by_status(status, submit, people, tree, login):
    actions.escalation_create(request=submit(), actor=people["staff"], reason="需要街道协调处理。")
    page = login(people["street_staff"]).get(
        reverse("street:escalation-list", args=[tree.street.pk]), {"status": status}
    )
    assert page.status_code == 200
    shown = "需要街道" in page.content.decode() or "#" in page.content.decode()
    assert shown
