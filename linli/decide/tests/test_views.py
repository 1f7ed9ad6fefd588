"""Decision pages: the whole flow without JavaScript, permissions, and constant query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.community.models import Household, Resident
from linli.decide import actions
from linli.decide.models import Ballot, Comment, Decision

from .conftest import set_phase


def test_staff_create_a_decision_with_options_in_the_ui(people, login, tree):
    c = login(people["secretary"])
    now = timezone.localtime()
    r = c.post(
        "/decide/n/nb/new/",
        {
            "title": "垃圾房选址",
            "body": "**四个**候选点",
            "method": "ranked",
            "unit": "household",
            "voting_opens_at": (now + timezone.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "voting_closes_at": (now + timezone.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
            "draft": "1",  # its options come next; without any it can only be a draft
        },
    )
    d = Decision.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/decide/{d.pk}/" and d.is_draft
    c.post(f"/decide/{d.pk}/options/new/", {"title": "东门", "description": "靠近东门"})
    c.post(f"/decide/{d.pk}/options/new/", {"title": "北门"})
    assert list(d.options.values_list("title", flat=True)) == ["东门", "北门"]
    c.post(f"/decide/{d.pk}/draft/publish/")
    assert not Decision.objects.get(pk=d.pk).is_draft
    page = c.get(f"/decide/{d.pk}/").content.decode()
    assert "<strong>四个</strong>" in page and "东门" in page


def test_a_resident_may_not_create_a_decision(people, login):
    assert login(people["resident"]).get("/decide/n/nb/new/").status_code == 403


def test_a_resident_votes_ranked_and_sees_the_ballot_replaced(people, login, make_decision):
    d = make_decision(method="ranked")
    a, b, c_ = d.options.values_list("id", flat=True)
    client = login(people["resident"])
    r = client.post(f"/decide/{d.pk}/vote/", {f"rank_{b}": "1", f"rank_{a}": "2"}, follow=True)
    assert "Your ballot is counted" in r.content.decode() or "选票已计入" in r.content.decode()
    assert list(
        Ballot.objects.get().choices.order_by("rank").values_list("option_id", flat=True)
    ) == [b, a]
    r = client.post(f"/decide/{d.pk}/vote/", {f"rank_{b}": "1", f"rank_{a}": "1"}, follow=True)
    assert (
        r.status_code == 200 and Ballot.objects.get().choices.count() == 2
    )  # a duplicate rank changed nothing
    assert list(
        Ballot.objects.get().choices.order_by("rank").values_list("option_id", flat=True)
    ) == [b, a]


def test_the_script_in_a_comment_is_not_run(people, login, make_decision):
    d = make_decision()
    client = login(people["neighbour"])
    client.post(f"/decide/{d.pk}/comments/", {"body": "<script>alert(1)</script> **同意**"})
    assert Comment.objects.count() == 1 and Decision.objects.get(pk=d.pk).comment_count == 1
    page = client.get(f"/decide/{d.pk}/").content.decode()
    assert "<script>alert(1)" not in page and "<strong>同意</strong>" in page


def test_staff_see_who_voted_but_not_how(people, login, make_decision, tree):
    d = make_decision(options=("独特选项甲", "独特选项乙"))
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[d.options.first().pk])
    set_phase(d, "closed")
    page = (
        login(people["staff"])
        .get(f"/decide/{d.pk}/participation/?building={tree.buildings[0].pk}")
        .content.decode()
    )
    households = page.split('id="households"')[1].split("</table>")[0]
    assert "1-1-101" in households and households.count("badge ok") == 1  # one household has voted
    assert "独特选项甲" not in households


def test_the_leader_enters_a_paper_ballot_from_the_participation_page(
    people, login, make_decision, tree
):
    d = make_decision()
    opt = d.options.first().pk
    home = people["neighbour"].household
    r = login(people["leader"]).post(
        f"/decide/{d.pk}/ballots/enter/", {"household": home.pk, "channel": "paper", "option": opt}
    )
    assert r.status_code == 302
    assert Ballot.objects.get().channel == "paper"
    r = login(people["leader"]).post(
        f"/decide/{d.pk}/ballots/enter/",
        {"household": people["far_resident"].household_id, "channel": "paper", "option": opt},
    )
    assert Ballot.objects.count() == 1


def test_results_show_thresholds_and_publish_a_notice(
    people, login, make_decision, art278_major, tree
):
    d = make_decision(rule=art278_major, options=("同意", "反对"), approves=(0,))
    yes = d.options.first().pk
    for h in Household.objects.filter(neighborhood=tree.neighborhood)[:7]:
        actions.ballot_cast(
            decision=d, actor=people["staff"], household=h, channel="paper", option_ids=[yes]
        )
    set_phase(d, "closed")
    c = login(people["secretary"])
    page = c.get(f"/decide/{d.pk}/results/").content.decode()
    assert "2/3" in page and "3/4" in page
    assert c.post(f"/decide/{d.pk}/publish/").status_code == 302
    notice = login(people["resident"]).get(f"/decide/{d.pk}/notice/").content.decode()
    assert "3/4" in notice
    assert (
        "same numbers" in c.get(f"/decide/{d.pk}/results/?recount=1").content.decode()
        or "一致" in c.get(f"/decide/{d.pk}/results/?recount=1").content.decode()
    )


def test_pages_of_another_neighborhood_are_refused(people, login, make_decision):
    d = make_decision()
    c = login(people["other_staff"])
    for url in (f"/decide/{d.pk}/", f"/decide/{d.pk}/participation/", "/decide/n/nb/"):
        assert c.get(url).status_code == 403


def _grow(tree, decision, n, start=0):
    """n more households in building 1, each with a voter who votes and comments."""
    b = tree.buildings[0]
    opt = decision.options.first().pk
    for i in range(start, start + n):
        h = Household.objects.create(
            building=b,
            neighborhood=tree.neighborhood,
            unit="9",
            room=str(900 + i),
            area=Decimal("70"),
        )
        p = Resident.objects.create(username=f"grow{i}", household=h, verified_at=timezone.now())
        actions.electorate_refresh(decision=decision)
        actions.ballot_cast(decision=decision, actor=p, option_ids=[opt])
        actions.comment_add(decision=decision, author=p, body=f"意见 {i}")


@pytest.mark.parametrize(
    "who,path",
    [
        ("resident", "/decide/{pk}/"),
        ("resident", "/decide/n/nb/"),
        ("staff", "/decide/{pk}/participation/?building={b}"),
        ("leader", "/decide/{pk}/participation/"),
        ("secretary", "/decide/{pk}/results/"),
        ("secretary", "/decide/n/nb/owners/"),
    ],
)
def test_pages_have_constant_query_counts(
    people, login, make_decision, tree, who, path, django_assert_max_num_queries
):
    d = make_decision(method="ranked")
    _grow(tree, d, 2)
    if "results" in path:
        set_phase(d, "closed")
    url = path.format(pk=d.pk, b=tree.buildings[0].pk)
    c = login(people[who])
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    set_phase(d, "voting")
    _grow(tree, d, 30, start=2)
    if "results" in path:
        set_phase(d, "closed")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url).status_code == 200


def test_the_home_card_says_whether_the_household_has_voted(people, login, make_decision):
    d = make_decision(title="小区议题甲")
    client = login(people["resident"])
    assert "小区议题甲" in client.get("/").content.decode()
    actions.ballot_cast(decision=d, actor=people["housemate"], option_ids=[d.options.first().pk])
    page = client.get("/").content.decode()
    assert "您家已投票" in page


def test_privacy_export_and_anonymise(people, make_decision):
    from linli.decide import privacy

    d = make_decision()
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[d.options.first().pk])
    actions.comment_add(decision=d, author=people["resident"], body="我的意见")
    data = privacy.export(people["resident"])
    assert (
        data["ballots_cast"][0]["choices"] == ["A"]
        and data["decision_comments"][0]["body"] == "我的意见"
    )
    privacy.anonymise(people["resident"])
    assert Ballot.objects.get().cast_by_id is None and Comment.objects.get().author_id is None
    assert Ballot.objects.filter(decision=d).count() == 1  # the household's vote still counts


@pytest.mark.parametrize("open_ballot", [False, True])
def test_organisers_see_how_households_voted_only_when_the_ballot_is_open(
    people, login, make_decision, tree, open_ballot
):
    d = make_decision(options=("东侧方案", "西侧方案"), open_ballot=open_ballot)
    actions.ballot_cast(
        decision=d, actor=people["resident"], option_ids=[d.options.order_by("position").last().pk]
    )
    set_phase(d, "closed")  # no paper-ballot forms (which list the options) on the page
    url = f"/decide/{d.pk}/participation/?building={tree.buildings[0].pk}"
    page = login(people["secretary"]).get(url).content.decode()
    households = page.split('id="households"')[1].split("</table>")[0]
    assert ("西侧方案" in households) is open_ballot
    # A building leader never sees choices, even of an open ballot.
    leader_page = login(people["leader"]).get(url).content.decode()
    assert "西侧方案" not in leader_page.split('id="households"')[1].split("</table>")[0]


def test_a_neighborhood_defines_its_own_rule_and_bad_fractions_are_refused(people, login):
    from linli.decide.models import Rule

    c = login(people["secretary"])
    base = {
        "key": "residents",
        "name": "居民过半",
        "turnout_area_num": 0,
        "turnout_area_den": 0,
        "turnout_heads_num": 0,
        "turnout_heads_den": 0,
        "pass_area_num": 0,
        "pass_area_den": 0,
        "pass_heads_num": 1,
        "pass_heads_den": 2,
        "pass_heads_strict": "on",
    }
    r = c.post("/decide/n/nb/rules/", {**base, "pass_heads_num": 3})
    assert r.status_code == 200 and not Rule.objects.filter(key="residents").exists()
    assert c.post("/decide/n/nb/rules/", base).status_code == 302
    rule = Rule.objects.get(key="residents")
    assert (
        rule.pass_heads_num,
        rule.pass_heads_den,
        rule.pass_heads_strict,
        rule.neighborhood.slug,
    ) == (1, 2, True, "nb")
    assert login(people["resident"]).get("/decide/n/nb/rules/").status_code == 403
