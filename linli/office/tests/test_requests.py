"""Requests: routing to the responsible party, the status flow, transfers, me too, ratings,
reopening, and the stored monthly figures."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from linli.audit.models import AuditEntry
from linli.notify.models import Notification
from linli.office import actions, selectors
from linli.office.actions.stats import median, stats_rebuild
from linli.office.models import MonthStat, Request, RequestEvent


def test_submit_routes_to_the_categorys_party_with_due_times(submit, people):
    r = submit()
    assert r.party == "property_manager" and r.status == "submitted"
    assert r.accept_due - r.created_at == timedelta(
        hours=2
    ) and r.resolve_due - r.created_at == timedelta(hours=48)
    assert Notification.objects.filter(
        recipient=people["property"], kind="office.request_new"
    ).exists()
    assert not Notification.objects.filter(
        recipient=people["owners"], kind="office.request_new"
    ).exists()
    assert MonthStat.objects.get(party="property_manager").submitted == 1


@pytest.mark.parametrize("who", ["unverified", "other_staff", "anonymous"])
def test_outsiders_cannot_submit(submit, who):
    with pytest.raises(PermissionDenied):
        submit(who)
    assert not Request.objects.exists()


@pytest.mark.parametrize(
    "kwargs,code",
    [
        ({"description": "坏了"}, "description"),
        ({"description": "x" * 2001}, "description"),
        ({"lat": 31.2}, "location"),
        ({"lat": 95, "long": 121}, "location"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(submit, kwargs, code):
    with pytest.raises(ValidationError) as error:
        submit(**kwargs)
    assert error.value.code == code
    assert not Request.objects.exists() and not MonthStat.objects.exists()


def test_category_of_another_neighborhood_is_refused(people, tree, other_tree, categories):
    from linli.office.models import Category

    foreign = Category.objects.create(
        neighborhood=other_tree.neighborhood, code="x", name="x", party="property_manager"
    )
    with pytest.raises(ValidationError):
        actions.request_submit(
            reporter=people["resident"],
            neighborhood=tree.neighborhood,
            category=foreign,
            description="一二三四五六",
        )


def _png(size=(40, 30)):
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(out, "PNG")
    return SimpleUploadedFile("p.png", out.getvalue(), content_type="image/png")


def test_photos_are_re_encoded_and_fakes_refused(submit):
    r = submit(photos=[_png()])
    assert r.photos.count() == 1 and r.photos.get().image.name.endswith(".jpg")
    with pytest.raises(ValidationError) as error:
        submit(photos=[SimpleUploadedFile("x.jpg", b"<?php evil ?>", content_type="image/jpeg")])
    assert error.value.code == "photo"
    assert Request.objects.count() == 1


def test_full_flow_notifies_reporter_and_followers_and_keeps_figures(submit, people):
    r = submit(public=True)
    actions.request_follow(request=r, person=people["neighbour"])
    for to in ("accepted", "in_progress", "resolved"):
        actions.request_transition(request=r, actor=people["property"], to=to, note="处理中")
    r.refresh_from_db()
    assert r.status == "resolved" and r.accepted_at and r.resolved_at
    for who in ("resident", "neighbour"):
        assert (
            Notification.objects.filter(
                recipient=people[who], kind="office.request_changed"
            ).count()
            == 3
        )
    stat = MonthStat.objects.get(party="property_manager")
    assert (stat.submitted, stat.accepted, stat.resolved) == (1, 1, 1)
    actions.request_rate(request=r, person=people["resident"], rating=5, comment="很快")
    r.refresh_from_db()
    assert (r.status, r.rating) == ("closed", 5)
    assert [e.kind for e in RequestEvent.objects.filter(request=r)] == [
        "submitted",
        "status",
        "status",
        "status",
        "rated",
    ]


def test_status_cannot_jump(submit, people):
    r = submit()
    with pytest.raises(ValidationError):
        actions.request_transition(request=r, actor=people["property"], to="closed")
    with pytest.raises(ValidationError):
        actions.request_transition(
            request=r, actor=people["property"], to="rejected"
        )  # needs a reason
    assert Request.objects.get().status == "submitted"


@pytest.mark.parametrize(
    "who,allowed",
    [
        ("property", True),
        ("staff", True),
        ("secretary", True),
        ("owners", False),
        ("resident", False),
        ("leader", False),
        ("other_staff", False),
    ],
)
def test_the_responsible_party_and_the_committee_handle_it(submit, people, who, allowed):
    r = submit()  # property manager's
    if allowed:
        actions.request_transition(request=r, actor=people[who], to="accepted")
        assert Request.objects.get().status == "accepted"
    else:
        with pytest.raises(PermissionDenied):
            actions.request_transition(request=r, actor=people[who], to="accepted")


def test_transfer_with_reason_moves_it_to_another_party(submit, people):
    r = submit(category="noise")
    with pytest.raises(ValidationError):
        actions.request_transfer(
            request=r, actor=people["staff"], party="property_manager", reason=""
        )
    actions.request_transfer(
        request=r, actor=people["owners"], party="property_manager", reason="属于物业管理范围"
    )
    r.refresh_from_db()
    assert r.party == "property_manager"
    assert AuditEntry.objects.filter(action="office.request_transfer").exists()
    with pytest.raises(PermissionDenied):
        actions.request_transfer(
            request=r, actor=people["resident"], party="owners_committee", reason="x"
        )
    # Now the property manager may move it on; the owners' committee may not.
    actions.request_transition(request=r, actor=people["property"], to="accepted")
    with pytest.raises(PermissionDenied):
        actions.request_transition(request=r, actor=people["owners"], to="in_progress")


def test_rejection_needs_a_reason_and_tells_the_reporter(submit, people):
    r = submit()
    actions.request_transition(
        request=r, actor=people["property"], to="rejected", note="属于业主自用部位"
    )
    r.refresh_from_db()
    assert r.status == "rejected" and r.status_note == "属于业主自用部位"
    assert Notification.objects.filter(
        recipient=people["resident"], kind="office.request_changed"
    ).exists()


def test_me_too_counts_each_person_once(submit, people):
    r = submit(public=True)
    assert actions.request_follow(request=r, person=people["neighbour"]) is True
    assert actions.request_follow(request=r, person=people["neighbour"]) is False
    actions.request_follow(request=r, person=people["far_resident"])
    assert Request.objects.get().follower_count == 2
    actions.request_unfollow(request=r, person=people["far_resident"])
    assert Request.objects.get().follower_count == 1
    with pytest.raises(PermissionDenied):
        actions.request_follow(request=r, person=people["resident"])  # own request
    private = submit(public=False, description="私事私事私事")
    with pytest.raises(PermissionDenied):
        actions.request_follow(request=private, person=people["neighbour"])


def test_reopen_within_seven_days_takes_the_resolution_back(submit, people):
    r = submit()
    for to in ("accepted", "resolved"):
        actions.request_transition(request=r, actor=people["property"], to=to)
    actions.request_reopen(request=r, person=people["resident"], reason="还是坏的")
    r.refresh_from_db()
    assert (r.status, r.reopen_count, r.resolved_at) == ("in_progress", 1, None)
    assert MonthStat.objects.get(party="property_manager").resolved == 0
    actions.request_transition(request=r, actor=people["property"], to="resolved")
    Request.objects.filter(pk=r.pk).update(resolved_at=timezone.now() - timedelta(days=8))
    with pytest.raises(ValidationError) as error:
        actions.request_reopen(request=r, person=people["resident"], reason="又坏了")
    assert error.value.code == "too_late"
    with pytest.raises(PermissionDenied):
        actions.request_reopen(request=r, person=people["neighbour"], reason="x")


def test_rating_is_for_the_reporter_of_a_resolved_request(submit, people):
    r = submit()
    with pytest.raises(ValidationError):
        actions.request_rate(request=r, person=people["resident"], rating=5)
    actions.request_transition(request=r, actor=people["property"], to="accepted")
    actions.request_transition(request=r, actor=people["property"], to="resolved")
    with pytest.raises(ValidationError):
        actions.request_rate(request=r, person=people["resident"], rating=9)
    with pytest.raises(PermissionDenied):
        actions.request_rate(request=r, person=people["housemate"], rating=5)


def test_overdue_requests_are_listed(submit, people, tree):
    late = submit()
    Request.objects.filter(pk=late.pk).update(accept_due=timezone.now() - timedelta(minutes=1))
    submit(category="noise")
    rows = list(
        selectors.request_list(user=people["staff"], neighborhood=tree.neighborhood, overdue=True)
    )
    assert [r.pk for r in rows] == [late.pk] and rows[0].overdue


def test_residents_see_public_requests_and_their_own_only(submit, people, tree):
    mine_private = submit(public=False, description="我家的私事，请保密处理")
    other_private = submit("far_resident", public=False, description="别人家的私事，请保密")
    public = submit("far_resident", public=True, description="公共的问题大家都看得到")
    seen = {
        r.pk
        for r in selectors.request_list(user=people["resident"], neighborhood=tree.neighborhood)
    }
    assert seen == {mine_private.pk, public.pk}
    # The lift repairs are the property manager's: it and committee staff see the private
    # ones; the owners' committee, not handling them, sees only the public one.
    for who, expected in [
        ("property", {mine_private.pk, other_private.pk, public.pk}),
        ("staff", {mine_private.pk, other_private.pk, public.pk}),
        ("owners", {public.pk}),
        ("street_staff", {public.pk}),
    ]:
        seen = {
            r.pk for r in selectors.request_list(user=people[who], neighborhood=tree.neighborhood)
        }
        assert seen == expected, who


def test_similar_requests_are_suggested(submit, people, tree, categories):
    first = submit(public=True, description="5号楼电梯按钮失灵", building=tree.buildings[0])
    found = selectors.similar_requests(
        neighborhood=tree.neighborhood,
        category=categories["lift"].pk,
        building=tree.buildings[0].pk,
    )
    assert [r.pk for r in found] == [first.pk]
    found = selectors.similar_requests(neighborhood=tree.neighborhood, text="电梯按钮又失灵了")
    assert [r.pk for r in found] == [first.pk]
    assert selectors.similar_requests(neighborhood=tree.neighborhood, text="绿化修剪") == []


def test_stats_rebuild_matches_what_the_actions_kept(submit, people, tree):
    for i in range(3):
        r = submit(description=f"第{i}个问题描述一下")
        actions.request_transition(request=r, actor=people["property"], to="accepted")
        if i:
            actions.request_transition(request=r, actor=people["property"], to="resolved")
    kept = {
        (s.party, s.month): (s.submitted, s.accepted, s.resolved, s.accept_hours, s.resolve_hours)
        for s in MonthStat.objects.all()
    }
    stats_rebuild(tree.neighborhood.pk)
    assert kept == {
        (s.party, s.month): (s.submitted, s.accepted, s.resolved, s.accept_hours, s.resolve_hours)
        for s in MonthStat.objects.all()
    }


@pytest.mark.parametrize(
    "hist,expected",
    [
        ({}, None),
        ({"3": 1}, 3),
        ({"1": 1, "5": 1, "9": 1}, 5),
        ({"2": 3, "100": 1}, 2),
        ({"10": 1, "2": 1}, 2),
    ],
)
def test_median_of_histogram(hist, expected):
    assert median(hist) == expected


def test_dashboard_reads_stored_figures(submit, people, tree):
    r = submit()
    actions.request_transition(request=r, actor=people["property"], to="accepted")
    actions.request_transition(request=r, actor=people["property"], to="resolved")
    data = selectors.dashboard(tree.neighborhood)
    this_month = [
        row
        for row in data["table"]
        if row["month"] == timezone.localdate().replace(day=1)
        and row["party"] == "property_manager"
    ][0]
    assert (this_month["submitted"], this_month["resolved"], this_month["median_resolve"]) == (
        1,
        1,
        0,
    )
    assert len(data["months"]) == 12


def test_resolved_requests_close_after_seven_days(submit, people):
    from django.core.management import call_command

    fresh, old = submit(), submit(description="另一个电梯问题描述")
    for r in (fresh, old):
        actions.request_transition(request=r, actor=people["property"], to="accepted")
        actions.request_transition(request=r, actor=people["property"], to="resolved")
    Request.objects.filter(pk=old.pk).update(resolved_at=timezone.now() - timedelta(days=8))
    call_command("office_close_stale")
    assert (
        Request.objects.get(pk=old.pk).status == "closed"
        and Request.objects.get(pk=fresh.pk).status == "resolved"
    )
