"""Merging duplicate requests (staff): the duplicate closes and points to the survivor, its
reporter and followers follow the survivor, each person counted once, and everyone is told."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from linli.audit.models import AuditEntry
from linli.notify.models import Notification
from linli.office import actions
from linli.office.actions.merge import request_merge
from linli.office.models import Request, RequestEvent, RequestFollower


@pytest.fixture
def pair(submit, people):
    """The survivor (sent by `resident`, followed by `neighbour` and `leader`) and a duplicate
    (sent by `far_resident`, followed by `neighbour` and `housemate`)."""
    survivor = submit("resident", description="7号楼电梯又停了，老人上下楼不方便。")
    duplicate = submit("far_resident", description="电梯停了两天了，没有人来修。")
    for who in ("neighbour", "leader"):
        actions.request_follow(request=survivor, person=people[who])
    for who in ("neighbour", "housemate"):
        actions.request_follow(request=duplicate, person=people[who])
    return survivor, duplicate


def _followers(request):
    return set(
        RequestFollower.objects.filter(request=request).values_list("person__username", flat=True)
    )


def test_the_duplicate_closes_and_its_people_follow_the_survivor_once(pair, people):
    survivor, duplicate = pair
    request_merge(duplicate=duplicate, survivor=survivor, actor=people["staff"], note="同一部电梯")
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.status == "closed" and duplicate.merged_into_id == survivor.pk
    assert duplicate.follower_count == 0 and not _followers(duplicate)
    # neighbour followed both: once; far_resident (the duplicate's reporter) now follows.
    assert _followers(survivor) == {"neighbour", "leader", "housemate", "far_resident"}
    assert survivor.follower_count == 4
    assert "同一部电梯" in duplicate.status_note
    assert RequestEvent.objects.filter(request=survivor, kind="note").exists()
    assert AuditEntry.objects.filter(action="office.request_merge").exists()


def test_the_reporters_and_followers_are_told(pair, people):
    survivor, duplicate = pair
    Notification.objects.all().delete()
    request_merge(duplicate=duplicate, survivor=survivor, actor=people["staff"])
    merged = set(
        Notification.objects.filter(kind="office.request_merged").values_list(
            "recipient__username", flat=True
        )
    )
    assert merged == {"far_resident", "neighbour", "housemate"}
    told = Notification.objects.get(kind="office.request_merged", recipient=people["far_resident"])
    assert told.params["survivor"] == survivor.pk and told.url == survivor.get_absolute_url()
    changed = set(
        Notification.objects.filter(kind="office.request_changed").values_list(
            "recipient__username", flat=True
        )
    )
    assert "resident" in changed  # the survivor's reporter


def test_the_survivors_reporter_following_the_duplicate_is_not_counted(submit, people):
    survivor = submit("resident", description="7号楼电梯又停了，老人上下楼不方便。")
    duplicate = submit("far_resident", description="电梯停了两天了，没有人来修。")
    actions.request_follow(request=duplicate, person=people["resident"])
    request_merge(duplicate=duplicate, survivor=survivor, actor=people["staff"])
    survivor.refresh_from_db()
    assert _followers(survivor) == {"far_resident"} and survivor.follower_count == 1


def test_me_too_on_a_merged_request_follows_the_survivor(pair, people):
    survivor, duplicate = pair
    request_merge(duplicate=duplicate, survivor=survivor, actor=people["staff"])
    assert actions.request_follow(request=duplicate, person=people["secretary"])
    survivor.refresh_from_db()
    assert "secretary" in _followers(survivor) and survivor.follower_count == 5
    assert not _followers(duplicate)


@pytest.mark.parametrize(
    "who", ["resident", "leader", "property", "owners", "street_staff", "other_staff"]
)
def test_only_committee_staff_merge(pair, people, who):
    survivor, duplicate = pair
    with pytest.raises(PermissionDenied):
        request_merge(duplicate=duplicate, survivor=survivor, actor=people[who])
    assert not Request.objects.filter(merged_into__isnull=False).exists()


def test_merging_into_itself_twice_or_into_a_merged_or_closed_request_is_refused(
    pair, people, submit
):
    survivor, duplicate = pair
    staff = people["staff"]
    with pytest.raises(ValidationError):
        request_merge(duplicate=survivor, survivor=survivor, actor=staff)
    third = submit("neighbour", description="电梯按钮失灵，按了 18 楼没反应。")
    request_merge(duplicate=duplicate, survivor=survivor, actor=staff)
    with pytest.raises(ValidationError) as error:
        request_merge(duplicate=duplicate, survivor=third, actor=staff)
    assert error.value.code == "merged"
    with pytest.raises(ValidationError) as error:
        request_merge(duplicate=third, survivor=duplicate, actor=staff)
    assert error.value.code == "merged"
    Request.objects.filter(pk=survivor.pk).update(status="closed")
    with pytest.raises(ValidationError) as error:
        request_merge(duplicate=third, survivor=survivor, actor=staff)
    assert error.value.code == "status"
    third.refresh_from_db()
    assert third.status == "submitted" and third.merged_into_id is None


def test_the_page_merges_without_javascript_and_says_so(pair, people, login):
    survivor, duplicate = pair
    client = login(people["staff"])
    page = client.get(duplicate.get_absolute_url())
    assert reverse("office:request-merge", args=[duplicate.pk]) in page.content.decode()
    done = client.post(
        reverse("office:request-merge", args=[duplicate.pk]),
        {"into": f"#{survivor.pk}"},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == survivor.get_absolute_url()
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == survivor.pk
    shown = client.get(duplicate.get_absolute_url()).content.decode()
    assert f'href="{survivor.get_absolute_url()}"' in shown


@pytest.mark.parametrize("into", ["", "abc", "99999999", "-1", "1" * 30])
def test_a_bad_number_gets_a_message_and_changes_nothing(pair, people, login, into):
    survivor, duplicate = pair
    response = login(people["staff"]).post(
        reverse("office:request-merge", args=[duplicate.pk]),
        {"into": into},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Give the number of an existing request" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None and duplicate.status == "submitted"


def test_the_api_merges_and_refuses_others(pair, people, login, client):
    survivor, duplicate = pair
    refused = login(people["property"]).post(
        f"/api/v1/requests/{duplicate.pk}/merge",
        json.dumps({"into": survivor.pk}),
        content_type="application/json",
    )
    assert refused.status_code == 403
    done = login(people["staff"]).post(
        f"/api/v1/requests/{duplicate.pk}/merge",
        json.dumps({"into": survivor.pk}),
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["id"] == survivor.pk and done.json()["follower_count"] == 4
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == survivor.pk
