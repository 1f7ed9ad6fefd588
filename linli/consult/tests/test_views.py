"""Consultation pages: answer with JavaScript off, participation, results, export, permissions, query counts."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from linli.community.models import Household, Resident
from linli.consult import actions
from linli.consult.models import Answer, Consultation, Response

from .conftest import choice


def form_answer(c, use="会"):
    q = c.q
    return {
        f"q{q['use'].pk}": choice(q["use"], use),
        f"q{q['multi'].pk}": [choice(q["multi"], "亲子"), choice(q["multi"], "议事")],
        f"q{q['rank'].pk}_{choice(q['rank'], '乙')}": "1",
        f"q{q['rank'].pk}_{choice(q['rank'], '甲')}": "2",
        f"q{q['rating'].pk}": "5",
        f"q{q['number'].pk}": "3",
        f"q{q['why'].pk}": '=HYPERLINK("x")',
    }


def test_staff_create_a_consultation_and_questions_in_the_ui(people, login, tree):
    c = login(people["staff"])
    now = timezone.localtime()
    r = c.post(
        "/consult/n/nb/new/",
        {
            "title": "需求调查",
            "per": "household",
            # Questions are written before answering opens (then they are frozen).
            "opens_at": (now + timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timezone.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    cons = Consultation.objects.get()
    assert r.status_code == 302
    c.post(
        f"/consult/{cons.pk}/questions/new/",
        {"kind": "single", "text": "喜欢吗？", "choices": "喜欢\n不喜欢", "required": "on"},
    )
    r = c.post(
        f"/consult/{cons.pk}/questions/new/",
        {"kind": "single", "text": "只有一个选项", "choices": "唯一"},
    )
    assert (
        cons.questions.count() == 1 and r.status_code == 200
    )  # refused with a message, nothing added


def test_a_resident_answers_and_changes_the_answer_without_javascript(people, login, survey):
    c = survey()
    client = login(people["resident"])
    r = client.post(f"/consult/{c.pk}/", form_answer(c))
    assert r.status_code == 302
    page = client.get(f"/consult/{c.pk}/").content.decode()
    assert 'value="5" checked' in page  # the rating is shown again for changing
    client.post(f"/consult/{c.pk}/", {**form_answer(c), f"q{c.q['rating'].pk}": "3"})
    assert Response.objects.count() == 1
    assert Answer.objects.get(question=c.q["rating"]).number == Decimal("3.00")


def test_a_ranking_given_the_same_rank_twice_is_refused(people, login, survey):
    c = survey()
    data = form_answer(c)
    data[f"q{c.q['rank'].pk}_{choice(c.q['rank'], '丙')}"] = "1"
    r = login(people["resident"]).post(f"/consult/{c.pk}/", data, follow=True)
    assert r.status_code == 200 and not Response.objects.exists()


def test_residents_see_results_only_once_published(people, login, survey):
    c = survey()
    actions.response_submit(
        consultation=c, actor=people["resident"], answers={c.q["use"].pk: choice(c.q["use"], "会")}
    )
    client = login(people["neighbour"])
    assert client.get(f"/consult/{c.pk}/results/").status_code == 302
    assert client.get(f"/api/v1/consultations/{c.pk}/results").status_code == 403
    login(people["staff"]).post(f"/consult/{c.pk}/publish/")
    client = login(people["neighbour"])
    page = client.get(f"/consult/{c.pk}/results/").content.decode()
    assert "会使用吗" in page and '<img class="chart"' in page


def test_the_leader_sees_who_has_not_answered_and_enters_a_phone_answer(
    people, login, survey, tree
):
    c = survey()
    client = login(people["leader"])
    page = client.get(f"/consult/{c.pk}/participation/").content.decode()
    assert "1-201" in page and "far_resident" not in page
    home = people["neighbour"].household
    r = client.post(
        f"/consult/{c.pk}/?household={home.pk}",
        {**form_answer(c), "household": home.pk, "channel": "phone"},
    )
    assert r.status_code == 302 and Response.objects.get().channel == "phone"
    other = people["far_resident"].household
    assert client.get(f"/consult/{c.pk}/?household={other.pk}").status_code == 403


def test_export_to_excel_and_csv_neutralises_formulas(people, login, survey):
    c = survey()
    login(people["resident"]).post(f"/consult/{c.pk}/", form_answer(c, use="不会"))
    staff = login(people["staff"])
    body = staff.get(f"/consult/{c.pk}/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][-6] == "会使用吗？" and rows[1][-6] == "不会"
    assert "'=HYPERLINK" in body
    wb = load_workbook(io.BytesIO(staff.get(f"/consult/{c.pk}/export.xlsx").content))
    assert wb.active.max_row == 2
    assert login(people["resident"]).get(f"/consult/{c.pk}/export.csv").status_code == 403


def test_staff_hide_a_free_text_answer(people, login, survey):
    c = survey()
    login(people["resident"]).post(f"/consult/{c.pk}/", form_answer(c, use="不会"))
    a = Answer.objects.get(question=c.q["why"])
    staff = login(people["staff"])
    staff.post(f"/consult/{c.pk}/answers/{a.pk}/moderate/", {"hidden": "1"})
    actions.results_publish(consultation=c, actor=people["staff"])
    page = (
        login(people["neighbour"])
        .get(f"/consult/{c.pk}/results/q/{c.q['why'].pk}/")
        .content.decode()
    )
    assert "HYPERLINK" not in page


def _grow(tree, c, n, start=0):
    b = tree.buildings[0]
    for i in range(start, start + n):
        h = Household.objects.create(
            building=b,
            neighborhood=tree.neighborhood,
            unit="9",
            room=str(900 + i),
            area=Decimal("70"),
        )
        p = Resident.objects.create(username=f"grow{i}", household=h, verified_at=timezone.now())
        actions.audience_refresh(consultation=c)
        raw = {
            c.q["use"].pk: choice(c.q["use"], "不会"),
            c.q["why"].pk: f"理由 {i}",
            c.q["rating"].pk: "3",
            c.q["multi"].pk: [choice(c.q["multi"], "读书")],
        }
        actions.response_submit(consultation=c, actor=p, answers=raw)


@pytest.mark.parametrize(
    "who,path",
    [
        ("resident", "/consult/{pk}/"),
        ("resident", "/consult/n/nb/"),
        ("staff", "/consult/{pk}/participation/?building={b}"),
        ("leader", "/consult/{pk}/participation/"),
        ("staff", "/consult/{pk}/results/"),
        ("staff", "/consult/{pk}/results/q/{why}/"),
    ],
)
def test_pages_have_constant_query_counts(
    people, login, survey, tree, who, path, django_assert_max_num_queries
):
    c = survey()
    _grow(tree, c, 2)
    url = path.format(pk=c.pk, b=tree.buildings[0].pk, why=c.q["why"].pk)
    client = login(people[who])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(tree, c, 30, start=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_home_card_invites_those_not_yet_heard(people, login, survey):
    survey()
    page = login(people["resident"]).get("/").content.decode()
    assert "一米会客厅需求调查" in page and "期待听到您的意见" in page


def test_privacy_export_and_anonymise(people, login, survey):
    from linli.consult import privacy

    c = survey()
    login(people["resident"]).post(f"/consult/{c.pk}/", form_answer(c, use="不会"))
    data = privacy.export(people["resident"])
    assert data["consultation_answers"][0]["consultation"] == "一米会客厅需求调查"
    privacy.anonymise(people["resident"])
    r = Response.objects.get()
    assert (
        r.respondent_id is None and not Answer.objects.filter(response=r).exclude(text="").exists()
    )
    assert Answer.objects.filter(response=r, question=c.q["use"]).exists()  # still counted


def test_pressing_remind_twice_says_everyone_was_already_reminded(people, login, survey):
    from linli.notify.models import Notification

    c = survey()
    staff = login(people["staff"])
    first = staff.post(f"/consult/{c.pk}/remind/", follow=True).content.decode()
    sent = Notification.objects.filter(kind="consult.reminder").count()
    assert f"已向 {sent} 位尚未参与的居民发送提醒" in first
    second = staff.post(f"/consult/{c.pk}/remind/", follow=True).content.decode()
    assert "今天已经提醒过所有尚未参与的居民" in second
    assert Notification.objects.filter(kind="consult.reminder").count() == sent
