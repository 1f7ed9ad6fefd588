from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.proposals import actions
from linli.proposals.models import Proposal, Support


def test_a_resident_proposes_and_a_neighbour_supports_without_javascript(login, people, tree):
    c = login(people["resident"])
    r = c.post(
        f"/proposals/n/{tree.neighborhood.slug}/new/",
        {"title": "儿童滑梯加护栏", "body": "滑梯边上太高了。"},
    )
    p = Proposal.objects.get(title="儿童滑梯加护栏")
    assert r.status_code == 302 and r["Location"] == p.get_absolute_url()
    c = login(people["neighbour"])
    assert c.post(f"/proposals/{p.pk}/support/").status_code == 302
    page = c.get(p.get_absolute_url()).content.decode()
    assert Support.objects.filter(proposal=p).count() == 1
    assert "您家已支持这个提案" in page or "Your household supports" in page


def test_bad_input_gets_a_message_and_changes_nothing(login, people, tree):
    c = login(people["resident"])
    r = c.post(f"/proposals/n/{tree.neighborhood.slug}/new/", {"title": "", "body": "x"})
    assert r.status_code == 200 and not Proposal.objects.exists()
    assert 'class="error"' in r.content.decode()


def test_a_second_support_from_the_same_household_is_refused_with_a_message(
    login, people, make_proposal
):
    p = make_proposal()
    actions.support_add(proposal=p, person=people["resident"])
    c = login(people["housemate"])
    r = c.post(f"/proposals/{p.pk}/support/", follow=True)
    assert "已经支持" in r.content.decode() or "already supports" in r.content.decode()
    assert Support.objects.filter(proposal=p).count() == 1


def test_english_pages_are_in_english(client, people, tree, make_proposal):
    make_proposal()
    client.cookies["django_language"] = "en"
    page = client.get(
        f"/proposals/n/{tree.neighborhood.slug}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Residents' proposals" in page or "Residents&#x27; proposals" in page


def _grow(people, make_proposal, n):
    for i in range(n):
        p = make_proposal(title=f"提案{i}", author=people["resident" if i % 2 else "neighbour"])
        actions.support_add(proposal=p, person=people["far_resident"])
        actions.support_add(proposal=p, person=people["leader"])
    return p


def test_list_and_detail_pages_have_constant_query_counts(
    login, people, tree, make_proposal, django_assert_max_num_queries
):
    p = _grow(people, make_proposal, 2)
    c = login(people["staff"])
    urls = [f"/proposals/n/{tree.neighborhood.slug}/", p.get_absolute_url()]
    measured = []
    for url in urls:
        with CaptureQueriesContext(connection) as small:
            assert c.get(url).status_code == 200
        measured.append(len(small.captured_queries))
    p = _grow(people, make_proposal, 12)
    for who in ("resident", "owners", "secretary"):
        actions.support_add(proposal=p, person=people[who])
    for url, n in zip([urls[0], p.get_absolute_url()], measured, strict=True):
        with django_assert_max_num_queries(n):
            assert c.get(url).status_code == 200
