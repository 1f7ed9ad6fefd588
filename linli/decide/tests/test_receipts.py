"""Ballot receipts: a random code per ballot, shown to the household; whoever holds it checks that the
ballot is counted (or was replaced) on the page and over the API, never learning how it voted."""

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.decide import actions
from linli.decide.models import Ballot, ReplacedReceipt
from linli.decide.receipts import ALPHABET, receipt_display, receipt_normalize

CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


def ids(decision):
    return list(decision.options.order_by("position").values_list("id", flat=True))


def post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_every_ballot_gets_its_own_random_receipt(people, make_decision):
    d = make_decision()
    same = ids(d)[:1]
    a = actions.ballot_cast(decision=d, actor=people["resident"], option_ids=same)
    b = actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=same)
    c = actions.ballot_cast(
        decision=d,
        actor=people["leader"],
        household=people["leader"].household,
        channel="paper",
        option_ids=same,
    )
    receipts = [Ballot.objects.get(pk=x.pk).receipt for x in (a, b, c)]
    assert len(set(receipts)) == 3  # the same choice, three unrelated codes
    assert all(len(r) == 16 and set(r) <= set(ALPHABET) for r in receipts)
    assert receipts[0] == a.receipt  # what the voter is shown is what is stored


def test_a_typed_code_is_read_in_the_ways_people_copy_it():
    code = "0123456789ABCDEF"
    assert receipt_normalize(receipt_display(code)) == code
    assert receipt_normalize("o123-4567-89ab-cdef") == code  # O read as 0, lower case
    assert receipt_normalize("０１２３ ４５６７ ８９ＡＢ ＣＤＥＦ") == code
    assert receipt_normalize("0123") == "" and receipt_normalize("") == ""


def test_the_voter_sees_the_receipt_after_voting_and_the_household_on_its_page(
    people, login, make_decision
):
    d = make_decision()
    c = login(people["resident"])
    r = c.post(f"/decide/{d.pk}/vote/", {"option": ids(d)[0]}, follow=True)
    shown = receipt_display(Ballot.objects.get(decision=d).receipt)
    assert shown in r.content.decode()
    assert shown in login(people["housemate"]).get(f"/decide/{d.pk}/").content.decode()
    assert shown not in login(people["neighbour"]).get(f"/decide/{d.pk}/").content.decode()


def test_the_leader_is_shown_the_receipt_of_a_paper_ballot_and_the_household_sees_it(
    people, login, make_decision
):
    d = make_decision()
    home = people["neighbour"].household
    r = login(people["leader"]).post(
        f"/decide/{d.pk}/ballots/enter/",
        {"address": home.address, "channel": "paper", "option": ids(d)[0]},
        follow=True,
    )
    shown = receipt_display(Ballot.objects.get(decision=d).receipt)
    assert shown in r.content.decode()
    assert shown in login(people["neighbour"]).get(f"/decide/{d.pk}/").content.decode()


def test_anyone_with_the_code_checks_the_ballot_is_counted_never_how_it_voted(
    people, login, make_decision
):
    d = make_decision(options=("东门甲地", "北门乙地"))
    ballot = actions.ballot_cast(decision=d, actor=people["resident"], option_ids=ids(d)[1:])
    c = login(people["far_resident"])
    r = c.post(
        f"/decide/{d.pk}/receipt/",
        {"code": receipt_display(ballot.receipt).lower()},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert r.status_code == 302 and r["Location"].endswith("#receipt")
    said = [str(m) for m in r.wsgi_request._messages]
    assert len(said) == 1 and "Your ballot is counted" in said[0]
    assert "乙地" not in said[0] and "甲地" not in said[0]


def test_a_replaced_ballots_old_receipt_says_it_was_replaced(people, login, make_decision):
    d = make_decision()
    first = actions.ballot_cast(decision=d, actor=people["resident"], option_ids=ids(d)[:1])
    second = actions.ballot_cast(decision=d, actor=people["housemate"], option_ids=ids(d)[1:2])
    assert first.receipt != second.receipt
    assert ReplacedReceipt.objects.filter(decision=d, receipt=first.receipt).exists()
    c = login(people["resident"])
    for code, expected in (
        (first.receipt, "was replaced"),
        (second.receipt, "Your ballot is counted"),
        ("ZZZZ-ZZZZ-ZZZZ-ZZZZ", "No ballot of this decision"),
        ("not a code", "No ballot of this decision"),
    ):
        r = c.post(f"/decide/{d.pk}/receipt/", {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
        assert expected in str(list(r.wsgi_request._messages)[-1]), code


def test_a_receipt_of_another_decision_is_not_found_in_this_one(people, login, make_decision):
    d, other = make_decision(), make_decision(title="另一项")
    ballot = actions.ballot_cast(
        decision=other, actor=people["resident"], option_ids=ids(other)[:1]
    )
    r = login(people["resident"]).post(
        f"/decide/{d.pk}/receipt/", {"code": ballot.receipt}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "No ballot of this decision" in str(list(r.wsgi_request._messages)[-1])


def test_receipt_checks_are_limited_per_person(people, login, make_decision):
    from linli.decide.views import RECEIPT_CHECKS

    d = make_decision()
    c = login(people["resident"])
    for _i in range(RECEIPT_CHECKS):
        c.post(f"/decide/{d.pk}/receipt/", {"code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"})
    r = c.post(
        f"/decide/{d.pk}/receipt/", {"code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Too many receipt checks" in str(list(r.wsgi_request._messages)[-1])


def test_a_receipt_check_costs_the_same_few_queries_however_many_ballots(
    people, login, make_decision, tree
):
    from .test_views import _grow

    d = make_decision()
    ballot = actions.ballot_cast(decision=d, actor=people["resident"], option_ids=ids(d)[:1])
    c = login(people["neighbour"])
    with CaptureQueriesContext(connection) as small:
        assert c.post(f"/decide/{d.pk}/receipt/", {"code": ballot.receipt}).status_code == 302
    _grow(tree, d, 25)
    actions.ballot_cast(decision=d, actor=people["housemate"], option_ids=ids(d)[1:2])
    with CaptureQueriesContext(connection) as large:
        assert c.post(f"/decide/{d.pk}/receipt/", {"code": ballot.receipt}).status_code == 302
    assert len(large.captured_queries) <= len(small.captured_queries) + 1  # + the replaced receipts
    assert len(large.captured_queries) <= 8


def test_the_household_page_with_a_paper_ballot_costs_no_more_than_with_an_online_one(
    people, login, make_decision, django_assert_max_num_queries
):
    d = make_decision()
    actions.ballot_cast(decision=d, actor=people["resident"], option_ids=ids(d)[:1])
    with CaptureQueriesContext(connection) as online:
        login(people["resident"]).get(f"/decide/{d.pk}/")
    actions.ballot_cast(
        decision=d,
        actor=people["leader"],
        household=people["neighbour"].household,
        channel="paper",
        option_ids=ids(d)[:1],
    )
    with django_assert_max_num_queries(len(online.captured_queries)):
        assert login(people["neighbour"]).get(f"/decide/{d.pk}/").status_code == 200


# --- over the API -----------------------------------------------------------------------------


def test_the_api_gives_the_receipt_and_checks_it(people, login, make_decision):
    d = make_decision()
    c = login(people["resident"])
    r = post(c, f"/api/v1/decisions/{d.pk}/ballot", {"options": ids(d)[:1]})
    assert r.status_code == 201
    code = r.json()["receipt"]
    assert CODE.fullmatch(code)
    mine = c.get(f"/api/v1/decisions/{d.pk}/ballot").json()
    assert mine["receipt"] == code and "Resident" in mine["cast_by"]
    checker = login(people["far_resident"])
    r = post(checker, f"/api/v1/decisions/{d.pk}/receipt", {"code": code})
    assert r.status_code == 200 and r.json()["status"] == "counted"
    assert set(r.json()) == {"status", "at", "detail"}  # nothing about the choice
    post(login(people["housemate"]), f"/api/v1/decisions/{d.pk}/ballot", {"options": ids(d)[1:2]})
    r = post(login(people["far_resident"]), f"/api/v1/decisions/{d.pk}/receipt", {"code": code})
    assert r.json()["status"] == "replaced"
    r = post(checker, f"/api/v1/decisions/{d.pk}/receipt", {"code": "nope"})
    assert r.json()["status"] == "unknown"


def test_over_the_api_a_paper_ballot_over_a_vote_is_409_and_staff_replace_with_a_reason(
    people, login, make_decision
):
    from linli.audit.models import AuditEntry
    from linli.notify.models import Notification

    d = make_decision()
    home = people["neighbour"].household
    post(login(people["neighbour"]), f"/api/v1/decisions/{d.pk}/ballot", {"options": ids(d)[:1]})
    paper = {"options": ids(d)[1:2], "address": "1-201", "channel": "paper"}
    r = post(login(people["leader"]), f"/api/v1/decisions/{d.pk}/ballot", paper)
    assert r.status_code == 409 and "已在网上投票" in r.json()["detail"]  # the user's language
    r = post(
        login(people["leader"]),
        f"/api/v1/decisions/{d.pk}/ballot",
        {**paper, "replace_reason": "改主意了"},
    )
    assert r.status_code == 403
    r = post(login(people["staff"]), f"/api/v1/decisions/{d.pk}/ballot", paper)
    assert r.status_code == 409 and "请写明理由" in r.json()["detail"]
    assert Ballot.objects.get(decision=d).channel == "online"
    r = post(
        login(people["staff"]),
        f"/api/v1/decisions/{d.pk}/ballot",
        {**paper, "replace_reason": "户主到居委会递交纸质选票"},
    )
    assert r.status_code == 201, r.content
    ballot = Ballot.objects.get(decision=d)
    assert (ballot.channel, ballot.household_id) == ("paper", home.pk)
    assert AuditEntry.objects.get(action="decide.ballot_replace").after["reason"]
    assert Notification.objects.filter(
        kind="decide.ballot_replaced", recipient=people["neighbour"]
    ).exists()
    r = post(
        login(people["staff"]),
        f"/api/v1/decisions/{d.pk}/ballot",
        {**paper, "address": "9-9901"},
    )
    assert r.status_code == 422 and "没有地址为 9-9901 的住户" in r.json()["detail"]
