import pytest
from django.urls import reverse

from linli.notify import actions
from linli.notify.models import Notification, Preference


def _many(person, n):
    for i in range(n):
        actions.notify(
            recipients=[person],
            kind="community.role_granted",
            params={"role": "secretary", "neighborhood": f"n{i}"},
            url="/me/",
        )


def test_header_shows_unread_count_and_list_marks_read(login, people):
    _many(people["resident"], 3)
    c = login(people["resident"])
    body = c.get("/").content.decode()
    assert 'class="count"' in body and ">3</span>" in body
    page = c.get(reverse("notify:notification-list")).content.decode()
    assert page.count('class="unread"') == 3
    c.post(reverse("notify:notification-read-all"))
    assert 'class="count"' not in c.get("/").content.decode()


def test_opening_a_notification_marks_it_read_and_follows_its_link(login, people):
    _many(people["resident"], 1)
    n = Notification.objects.get(recipient=people["resident"])
    response = login(people["resident"]).post(reverse("notify:notification-open", args=[n.pk]))
    assert response.status_code == 302 and response["Location"] == "/me/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_nobody_opens_someone_elses_notification(login, people):
    _many(people["resident"], 1)
    n = Notification.objects.get(recipient=people["resident"])
    assert (
        login(people["neighbour"])
        .post(reverse("notify:notification-open", args=[n.pk]))
        .status_code
        == 403
    )
    n.refresh_from_db()
    assert n.read_at is None


def test_offsite_links_are_not_followed(login, people):
    actions.notify(
        recipients=[people["resident"]],
        kind="community.verified",
        params={"household": "x"},
        url="https://evil.example/",
    )
    n = Notification.objects.get(recipient=people["resident"])
    response = login(people["resident"]).post(reverse("notify:notification-open", args=[n.pk]))
    assert response["Location"] == reverse("notify:notification-list")


def test_preferences_page_saves_choices_and_refuses_bad_ones(login, people):
    c = login(people["resident"])
    url = reverse("notify:preferences")
    assert c.get(url).status_code == 200
    from linli.notify import kinds

    everything = {key: kind.default for key, kind in kinds.KINDS.items()}
    c.post(url, {**everything, "community.verified": "off", "community.role_granted": "email"})
    assert (
        dict(Preference.objects.filter(person=people["resident"]).values_list("kind", "channel"))[
            "community.verified"
        ]
        == "off"
    )
    response = c.post(url, {**everything, "community.verified": "telegram"})
    assert response.status_code == 200
    assert (
        Preference.objects.get(person=people["resident"], kind="community.verified").channel
        == "off"
    )


@pytest.mark.parametrize("url", ["/", "/notifications/"])
def test_pages_with_1000_notifications_have_constant_queries(
    login, people, url, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _many(people["resident"], 2)
    c = login(people["resident"])
    with CaptureQueriesContext(connection) as small:
        c.get(url)
    _many(people["resident"], 1000)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url).status_code == 200


def test_notifications_api(login, people):
    _many(people["resident"], 35)
    c = login(people["resident"])
    data = c.get("/api/v1/notifications").json()
    assert data["count"] == 35 and len(data["items"]) == 30
    assert "secretary" in data["items"][0]["text"] or "书记" in data["items"][0]["text"]
    assert c.get("/api/v1/notifications/preferences").status_code == 200
    from django.test import Client

    assert Client().get("/api/v1/notifications").status_code == 401
