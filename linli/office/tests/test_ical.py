"""iCalendar feeds: a calendar app reads the right times, the recurrence and its exceptions."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from linli.office import actions
from linli.office.actions.reception import slot_starts


def _calendar(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_neighborhood_feed_has_timezone_rrule_exdate_and_recurrence_id(
    client, tree, reception, people
):
    occs = [o for o in reception.occurrences.order_by("starts_at") if o.starts_at > timezone.now()]
    actions.occurrence_cancel(occurrence=occs[1], actor=people["secretary"], note="春节")
    actions.occurrence_move(
        occurrence=occs[2],
        actor=people["secretary"],
        starts_at=occs[2].starts_at + timedelta(days=1),
        ends_at=occs[2].ends_at + timedelta(days=1),
    )
    cal = _calendar(client.get(reverse("office:reception-feed", args=[tree.neighborhood.slug])))
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Asia/Shanghai"
    events = cal.walk("VEVENT")
    master = [e for e in events if "RRULE" in e][0]
    assert master["RRULE"]["FREQ"] == ["MONTHLY"] and master["RRULE"]["BYDAY"] == ["2SA"]
    assert master.decoded("DTSTART").tzinfo is not None and master.decoded("DTSTART").hour == 9
    assert master["DTSTART"].params["TZID"] == "Asia/Shanghai"
    exdates = [d.dt for d in master["EXDATE"].dts]
    assert exdates == [timezone.localtime(occs[1].original_start)]
    [moved] = [e for e in events if "RECURRENCE-ID" in e]
    assert moved.decoded("RECURRENCE-ID") == occs[2].original_start
    assert moved.decoded("DTSTART") == occs[2].original_start + timedelta(days=1)
    assert str(moved["UID"]) == str(master["UID"])


def test_reception_page_links_the_feed_in_its_head(client, tree, reception):
    body = client.get(
        reverse("office:reception-list", args=[tree.neighborhood.slug])
    ).content.decode()
    head = body.split("</head>")[0]
    assert (
        'rel="alternate" type="text/calendar"' in head
        and reverse("office:reception-feed", args=[tree.neighborhood.slug]) in head
    )


def test_personal_feed_is_reached_only_by_its_secret(client, login, people, next_day):
    actions.slot_book(
        occurrence=next_day,
        person=people["resident"],
        starts_at=slot_starts(next_day)[1],
        subject="加装电梯",
    )
    token = actions.feed_token(person=people["resident"])
    cal = _calendar(client.get(reverse("office:personal-feed", args=[token])))
    [event] = cal.walk("VEVENT")
    assert (
        "加装电梯" in str(event["SUMMARY"]) and event.decoded("DTSTART") == slot_starts(next_day)[1]
    )
    assert client.get(reverse("office:personal-feed", args=["guessed-token"])).status_code == 404
    new = actions.feed_reset(person=people["resident"])
    assert client.get(reverse("office:personal-feed", args=[token])).status_code == 404
    assert client.get(reverse("office:personal-feed", args=[new])).status_code == 200
    # The settings page shows the address to its owner.
    assert new in login(people["resident"]).get(reverse("office:feed-settings")).content.decode()


def test_home_card_shows_the_next_reception_day_with_its_feed(login, people, next_day):
    body = login(people["resident"]).get("/").content.decode()
    assert next_day.get_absolute_url() in body
    assert (
        'rel="alternate" type="text/calendar"' in body
        and reverse("office:reception-feed", args=["nb"]) in body
    )
