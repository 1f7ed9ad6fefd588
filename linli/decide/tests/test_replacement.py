"""Ballots never overwrite silently: a paper or proxy ballot for a household that voted is refused,
staff replace it only with a written reason (audited, the household told); the household sees who
entered its ballot; the forms find a household by the address people use."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from linli.audit.models import AuditEntry
from linli.decide import actions
from linli.decide.models import Ballot, BallotChoice
from linli.notify.models import Notification


def ids(decision):
    return list(decision.options.order_by("position").values_list("id", flat=True))


def test_a_paper_ballot_for_a_household_that_voted_online_is_refused_saying_when_and_how(
    people, make_decision
):
    d = make_decision()
    a, b, _c = ids(d)
    home = people["neighbour"].household
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=[a])
    with pytest.raises(ValidationError, match="already voted online") as refused:
        actions.ballot_cast(
            decision=d, actor=people["leader"], household=home, channel="paper", option_ids=[b]
        )
    assert home.address in str(refused.value)
    ballot = Ballot.objects.get(decision=d)
    assert (ballot.channel, ballot.cast_by_id, ballot.replaced) == (
        "online",
        people["neighbour"].pk,
        0,
    )
    assert list(BallotChoice.objects.filter(ballot=ballot).values_list("option_id", flat=True)) == [
        a
    ]
    assert not AuditEntry.objects.filter(action__startswith="decide.ballot_").exists()


def test_a_proxy_ballot_for_a_household_with_a_paper_ballot_is_refused(people, make_decision):
    d = make_decision()
    a, b, _c = ids(d)
    home = people["neighbour"].household
    actions.ballot_cast(
        decision=d, actor=people["leader"], household=home, channel="paper", option_ids=[a]
    )
    scan = SimpleUploadedFile("form.pdf", b"%PDF-1.4 proxy", content_type="application/pdf")
    with pytest.raises(ValidationError, match="already has a paper ballot"):
        actions.ballot_cast(
            decision=d,
            actor=people["staff"],
            household=home,
            channel="proxy",
            proxy_holder="李四",
            proxy_form=scan,
            option_ids=[b],
        )
    assert Ballot.objects.get(decision=d).channel == "paper"


def test_the_refusal_is_in_the_users_language(people, make_decision):
    d = make_decision()
    home = people["neighbour"].household
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=ids(d)[:1])
    with translation.override("zh-hans"), pytest.raises(ValidationError, match="已在网上投票"):
        actions.ballot_cast(
            decision=d,
            actor=people["leader"],
            household=home,
            channel="paper",
            option_ids=ids(d)[1:2],
        )


def test_staff_replace_a_ballot_only_with_a_written_reason_audited_and_the_household_told(
    people, make_decision
):
    d = make_decision(options=("东门甲地", "北门乙地"))
    a, b = ids(d)
    home = people["resident"].household
    first = actions.ballot_cast(decision=d, actor=people["resident"], option_ids=[a])
    for reason in ("", "   "):
        with pytest.raises(ValidationError, match="already voted online"):
            actions.ballot_cast(
                decision=d,
                actor=people["staff"],
                household=home,
                channel="paper",
                option_ids=[b],
                replace_reason=reason,
            )
    ballot = actions.ballot_cast(
        decision=d,
        actor=people["staff"],
        household=home,
        channel="paper",
        option_ids=[b],
        replace_reason="户主本人到居委会递交纸质选票，要求以此为准",
    )
    assert (ballot.channel, ballot.replaced) == ("paper", 1)
    assert Ballot.objects.filter(decision=d).count() == 1
    entry = AuditEntry.objects.get(action="decide.ballot_replace")
    assert entry.before["channel"] == "online" and entry.after["channel"] == "paper"
    assert entry.before["cast_at"] == first.cast_at.isoformat()
    assert abs((entry.created_at - ballot.cast_at).total_seconds()) < 5  # when it was replaced
    assert entry.after["reason"] == "户主本人到居委会递交纸质选票，要求以此为准"
    # Channels, times and the reason — never how anyone voted.
    assert set(entry.before) == {"channel", "cast_by", "cast_at"}
    assert set(entry.after) == {"channel", "reason"}
    told = set(
        Notification.objects.filter(kind="decide.ballot_replaced").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {people["resident"].pk, people["housemate"].pk}
    with translation.override("zh-hans"):
        text = Notification.objects.filter(kind="decide.ballot_replaced").first().text
    assert "户主本人到居委会" in text and "网上" in text and "纸质" in text
    assert "甲地" not in text and "乙地" not in text


def test_a_building_leader_cannot_replace_a_ballot_even_with_a_reason(people, make_decision):
    d = make_decision()
    home = people["neighbour"].household
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=ids(d)[:1])
    with pytest.raises(PermissionDenied):
        actions.ballot_cast(
            decision=d,
            actor=people["leader"],
            household=home,
            channel="paper",
            option_ids=ids(d)[1:2],
            replace_reason="他说改主意了",
        )
    assert Ballot.objects.get(decision=d).channel == "online"


def test_the_household_sees_who_entered_its_paper_ballot(people, login, make_decision):
    d = make_decision()
    actions.ballot_cast(
        decision=d,
        actor=people["leader"],
        household=people["neighbour"].household,
        channel="paper",
        option_ids=ids(d)[:1],
    )
    c = login(people["neighbour"])
    page = c.get(f"/decide/{d.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "paper ballot entered by building leader Leader" in page
    page = c.get(f"/decide/{d.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "由楼组长 Leader" in page and "录入的纸质选票" in page


def test_a_paper_ballot_whose_enterer_left_never_shows_a_blank_name(people, login, make_decision):
    d = make_decision()
    ballot = actions.ballot_cast(
        decision=d,
        actor=people["leader"],
        household=people["neighbour"].household,
        channel="paper",
        option_ids=ids(d)[:1],
    )
    Ballot.objects.filter(pk=ballot.pk).update(cast_by=None)  # as the demo's, or an account deleted
    page = login(people["neighbour"]).get(f"/decide/{d.pk}/").content.decode()
    assert "已由  于" not in page and "由  " not in page
    assert "录入的纸质选票" in page


def test_the_proxy_form_finds_the_household_by_its_address(people, login, make_decision, tree):
    d = make_decision()
    opt = ids(d)[0]
    c = login(people["staff"])
    for address in ("2-1-101", "2号楼1单元101室", "2-101"):
        scan = SimpleUploadedFile("form.pdf", b"%PDF-1.4 proxy", content_type="application/pdf")
        Ballot.objects.filter(decision=d).delete()
        r = c.post(
            f"/decide/{d.pk}/ballots/enter/",
            {
                "channel": "proxy",
                "address": address,
                "proxy_holder": "李四",
                "proxy_form": scan,
                "option": opt,
            },
        )
        assert r.status_code == 302
        assert Ballot.objects.get(decision=d).household == people["far_resident"].household, address


def test_an_unknown_address_gives_a_clear_message(people, login, make_decision):
    d = make_decision()
    r = login(people["leader"]).post(
        f"/decide/{d.pk}/ballots/enter/",
        {"channel": "paper", "address": "7-1204", "option": ids(d)[0]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "No household at 7-1204" in r.content.decode()
    assert not Ballot.objects.exists()


def test_the_participation_page_shows_how_each_household_voted_and_who_may_replace(
    people, login, make_decision, tree
):
    d = make_decision()
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=ids(d)[:1])
    url = f"/decide/{d.pk}/participation/?building={tree.buildings[0].pk}"
    leader_page = login(people["leader"]).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = leader_page.split("1-1-201")[1].split("</tr>")[0]
    assert "online" in row and "already voted" in row and "replace_reason" not in row
    assert 'name="address"' in leader_page  # the paper ballot by address
    staff_page = login(people["staff"]).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = staff_page.split("1-1-201")[1].split("</tr>")[0]
    assert "Replace" in row and 'name="replace_reason"' in row and "required" in row


def test_staff_replace_from_the_participation_page_only_with_a_reason(
    people, login, make_decision, tree
):
    d = make_decision()
    a, b, _c = ids(d)
    home = people["neighbour"].household
    actions.ballot_cast(decision=d, actor=people["neighbour"], option_ids=[a])
    c = login(people["staff"])
    form = {"household": home.pk, "channel": "paper", "option": b, "building": home.building_id}
    r = c.post(f"/decide/{d.pk}/ballots/enter/", form, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "already voted online" in r.content.decode()
    assert Ballot.objects.get(decision=d).channel == "online"
    r = c.post(
        f"/decide/{d.pk}/ballots/enter/",
        {**form, "replace_reason": "本人到居委会改投纸质票"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "is recorded" in r.content.decode()
    assert Ballot.objects.get(decision=d).channel == "paper"
    assert Notification.objects.filter(
        kind="decide.ballot_replaced", recipient=people["neighbour"]
    ).exists()


def test_the_household_sees_its_proxy_holder_and_who_recorded_the_proxy(
    people, login, make_decision
):
    d = make_decision()
    scan = SimpleUploadedFile("form.pdf", b"%PDF-1.4 proxy", content_type="application/pdf")
    actions.ballot_cast(
        decision=d,
        actor=people["staff"],
        household=people["far_resident"].household,
        channel="proxy",
        proxy_holder="李四",
        proxy_form=scan,
        option_ids=ids(d)[:1],
    )
    c = login(people["far_resident"])
    page = c.get(f"/decide/{d.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "written proxy (proxy holder: 李四), recorded by committee staff Staff" in page
    page = c.get(f"/decide/{d.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "受托人：李四）" in page and "由居委干部 Staff" in page
