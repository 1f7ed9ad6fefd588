"""A person adds, confirms, changes and removes their email address; emails carry absolute links,
translated words and right plurals, in the recipient's language; SMTP comes from the environment."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from linli.notify import actions
from linli.notify.mailconfig import email_settings, site_url
from linli.notify.models import EmailChange


def _link(message):
    return re.search(r"https?://\S+/me/email/confirm/\S+/", message.body).group(0)


def _path(link):
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def test_a_person_adds_an_address_and_it_receives_only_the_confirmation_until_confirmed(
    login, people, django_capture_on_commit_callbacks
):
    resident = people["resident"]
    c = login(resident)
    assert reverse("notify:email") in c.get(reverse("community:profile")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("notify:email"), {"do": "set", "address": "Zhang@Example.ORG"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Zhang@example.org"]
    link = _link(mail.outbox[0])
    assert link.startswith(settings.LINLI_SITE_URL + "/me/email/confirm/")
    resident.refresh_from_db()
    assert resident.email == ""
    # An email-channel notification meanwhile goes nowhere by email.
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify(recipients=[resident], kind="community.verified", params={"household": "x"})
    assert len(mail.outbox) == 1
    page = c.get(_path(link))
    assert page.status_code == 200 and "Zhang@example.org" in page.content.decode()
    resident.refresh_from_db()
    assert resident.email == ""  # opening the link (a mail scanner) confirms nothing
    assert c.post(_path(link)).status_code == 302
    resident.refresh_from_db()
    assert resident.email == "Zhang@example.org"
    assert not EmailChange.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify(recipients=[resident], kind="community.verified", params={"household": "x"})
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["Zhang@example.org"]
    assert c.post(_path(link)).status_code == 400  # used once


def test_changing_the_address_keeps_the_old_one_until_the_new_one_is_confirmed(
    people, run_on_commit
):
    resident = people["resident"]
    resident.email = "old@example.org"
    resident.save()
    run_on_commit(actions.email_change_request, person=resident, address="first@example.org")
    first = _link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]
    run_on_commit(actions.email_change_request, person=resident, address="new@example.org")
    second = _link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]
    resident.refresh_from_db()
    assert resident.email == "old@example.org"
    with translation.override("en"), pytest.raises(ValidationError, match="replaced by a newer"):
        actions.email_change_confirm(token=first)
    actions.email_change_confirm(token=second)
    resident.refresh_from_db()
    assert resident.email == "new@example.org"


def test_a_forged_expired_or_foreign_link_confirms_nothing(login, people, run_on_commit):
    resident = people["resident"]
    run_on_commit(actions.email_change_request, person=resident, address="z@example.org")
    token = actions.email_confirm_token(person=resident, address="z@example.org")
    forged = actions.email_confirm_token(person=people["neighbour"], address="z@example.org")
    c = login(people["neighbour"])
    assert c.post(reverse("notify:email-confirm", args=[token])).status_code == 403
    assert c.post(reverse("notify:email-confirm", args=[token + "x"])).status_code == 400
    assert c.post(reverse("notify:email-confirm", args=[forged])).status_code == 400
    with override_settings(EMAIL_CONFIRM_DAYS=0):
        import time

        time.sleep(1.1)
        with translation.override("en"), pytest.raises(ValidationError, match="expired"):
            actions.email_change_confirm(token=token)
    resident.refresh_from_db()
    assert resident.email == "" and people["neighbour"].email == ""


def test_a_bad_address_is_refused_in_the_persons_language_and_changes_nothing(login, people):
    c = login(people["resident"])
    body = c.post(
        reverse("notify:email"),
        {"do": "set", "address": "not an address"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).content.decode()
    assert "请输入有效的电子邮件地址" in body
    assert not EmailChange.objects.exists() and len(mail.outbox) == 0


def test_removing_the_address_stops_all_email(login, people):
    resident = people["resident"]
    resident.email = "a@example.org"
    resident.save()
    login(resident).post(reverse("notify:email"), {"do": "remove"})
    resident.refresh_from_db()
    assert resident.email == ""


def test_the_email_page_costs_a_constant_number_of_queries(
    login, people, django_assert_max_num_queries
):
    c = login(people["resident"])
    actions.email_change_request(person=people["resident"], address="p@example.org")
    with django_assert_max_num_queries(8):
        assert c.get(reverse("notify:email")).status_code == 200


def test_the_email_address_over_the_api(login, people, django_capture_on_commit_callbacks):
    c = login(people["resident"])
    assert c.get("/api/v1/notifications/email").json() == {"confirmed": "", "pending": None}
    with django_capture_on_commit_callbacks(execute=True):
        out = c.put(
            "/api/v1/notifications/email",
            {"address": "api@example.org"},
            content_type="application/json",
        ).json()
    assert out == {"confirmed": "", "pending": "api@example.org"}
    assert c.put(
        "/api/v1/notifications/email", {"address": "nope"}, content_type="application/json"
    ).status_code in (400, 422)
    token = _link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    out = c.post(
        "/api/v1/notifications/email/confirm", {"token": token}, content_type="application/json"
    ).json()
    assert out == {"confirmed": "api@example.org", "pending": None}
    me = [r for r in (c.get("/api/v1/me"), c.get("/api/v1/community/me")) if r.status_code == 200]
    assert me[0].json()["email"] == "api@example.org"
    assert c.delete("/api/v1/notifications/email").json()["confirmed"] == ""


@override_settings(LINLI_SITE_URL="https://linli.example.org")
def test_emails_carry_absolute_links_translated_status_words_in_the_recipients_language(
    people, run_on_commit
):
    resident, neighbour = people["resident"], people["neighbour"]
    resident.email, resident.language = "zh@example.org", "zh-hans"
    neighbour.email, neighbour.language = "en@example.org", "en"
    resident.save()
    neighbour.save()
    for person in (resident, neighbour):
        actions.preferences_set(person=person, choices={"office.request_changed": "email"})
    run_on_commit(
        actions.notify,
        recipients=[resident, neighbour],
        kind="office.request_changed",
        params={"number": 7, "category": "x", "status": "resolved", "note": ""},
        url="/office/requests/7/",
    )
    by_to = {m.to[0]: m for m in mail.outbox}
    zh, en = by_to["zh@example.org"], by_to["en@example.org"]
    assert "https://linli.example.org/office/requests/7/" in zh.body
    assert "https://linli.example.org/me/notifications/" in en.body
    assert "已办结" in zh.body and "resolved" not in zh.body
    assert "is now: resolved" in en.body


def test_a_digest_reads_right_in_both_languages_with_one_or_many_notifications(
    people, run_on_commit
):
    resident, neighbour = people["resident"], people["neighbour"]
    resident.email, resident.language = "zh@example.org", "zh-hans"
    neighbour.email, neighbour.language = "en@example.org", "en"
    resident.save()
    neighbour.save()
    for person in (resident, neighbour):
        actions.preferences_set(person=person, choices={"community.role_granted": "digest"})
    for n in range(3):
        actions.notify(
            recipients=[neighbour] + ([resident] if n == 0 else []),
            kind="community.role_granted",
            params={"role": "building_leader", "neighborhood": f"n{n}"},
            url="/me/",
        )
    run_on_commit(actions.digests_build)
    by_to = {m.to[0]: m for m in mail.outbox}
    assert by_to["en@example.org"].subject == "[Linli] 3 new notifications"
    assert "building leader" in by_to["en@example.org"].body.lower()
    assert "/me/" in by_to["en@example.org"].body and "://" in by_to["en@example.org"].body
    assert by_to["zh@example.org"].subject == "【邻里】您有 1 条新通知"
    assert "楼组长" in by_to["zh@example.org"].body


def test_a_single_digest_in_english_says_one_notification(people, run_on_commit):
    neighbour = people["neighbour"]
    neighbour.email, neighbour.language = "en@example.org", "en"
    neighbour.save()
    actions.preferences_set(person=neighbour, choices={"community.role_granted": "digest"})
    actions.notify(
        recipients=[neighbour],
        kind="community.role_granted",
        params={"role": "x", "neighborhood": "n"},
    )
    run_on_commit(actions.digests_build)
    assert mail.outbox[0].subject == "[Linli] 1 new notification"


def test_smtp_settings_come_from_email_url_or_the_separate_variables():
    assert email_settings({})["EMAIL_BACKEND"].endswith("console.EmailBackend")
    s = email_settings({"EMAIL_URL": "smtp://me%40x.org:p%2Fss@mail.x.org:587/?tls=1"})
    assert (s["EMAIL_HOST"], s["EMAIL_PORT"], s["EMAIL_HOST_USER"], s["EMAIL_HOST_PASSWORD"]) == (
        "mail.x.org",
        587,
        "me@x.org",
        "p/ss",
    )
    assert s["EMAIL_USE_TLS"] is True and s["EMAIL_USE_SSL"] is False
    assert s["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    s = email_settings({"EMAIL_URL": "smtps://u:p@mail.x.org"})
    assert (s["EMAIL_PORT"], s["EMAIL_USE_SSL"], s["EMAIL_USE_TLS"]) == (465, True, False)
    s = email_settings(
        {
            "EMAIL_HOST": "relay",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "u",
            "EMAIL_HOST_PASSWORD": "p",
            "EMAIL_USE_TLS": "true",
        }
    )
    assert (s["EMAIL_HOST"], s["EMAIL_PORT"], s["EMAIL_USE_TLS"]) == ("relay", 2525, True)
    with pytest.raises(ValueError):
        email_settings({"EMAIL_URL": "http://x"})
    assert site_url({"LINLI_SITE_URL": "https://linli.example.org/"}) == "https://linli.example.org"
    assert site_url({}) == "http://127.0.0.1:8000"
    with pytest.raises(ValueError):
        site_url({"LINLI_SITE_URL": "linli.example.org"})


def test_confirmation_emails_are_limited_per_hour(people, run_on_commit):
    for i in range(actions.CONFIRM_LIMIT):
        actions.email_change_request(person=people["resident"], address=f"a{i}@example.org")
    with pytest.raises(ValidationError):
        actions.email_change_request(person=people["resident"], address="late@example.org")


def test_the_link_confirms_without_signing_in_on_another_device(client, people, run_on_commit):
    resident = people["resident"]
    run_on_commit(actions.email_change_request, person=resident, address="phone@example.org")
    path = _path(_link(mail.outbox[0]))
    assert "phone@example.org" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    resident.refresh_from_db()
    assert resident.email == "phone@example.org"
