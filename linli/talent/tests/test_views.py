"""Talent pages: boundaries, contact details, forms with bad input, constant query counts."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.community.models import Household
from linli.community.testing import make_person
from linli.talent.models import Invitation, TalentProfile

from .factories import declare


def test_resident_declares_a_profile_through_the_form(login, people, skills):
    c = login(people["resident"])
    assert c.get(reverse("talent:mine")).status_code == 200
    data = {
        "skills": [skills["翻译"].pk],
        "tags": "日语",
        "background": "",
        "languages": "中文, 日本語",
        "help_kinds": ["translation"],
        "availability": "weekends",
        "visibility": "residents",
        "contact_allowed": "on",
    }
    response = c.post(reverse("talent:mine"), data)
    assert response.status_code == 200 and 'class="field has-error"' in response.content.decode()
    assert not TalentProfile.objects.filter(person=people["resident"]).exists()
    response = c.post(reverse("talent:mine"), {**data, "consent": "on"})
    assert response.status_code == 302
    profile = TalentProfile.objects.get(person=people["resident"])
    assert profile.is_active and profile.contact_allowed and profile.help_kinds == "translation"
    assert c.post(reverse("talent:withdraw")).status_code == 302
    assert not TalentProfile.objects.get(pk=profile.pk).is_active


def test_unverified_person_sees_why_and_cannot_post(login, people):
    c = login(people["unverified"])
    assert c.get(reverse("talent:mine")).status_code == 200
    assert c.post(reverse("talent:mine"), {"consent": "on"}).status_code == 403


def test_directory_hides_committee_only_profiles_and_contact_from_residents(
    login, people, tree, talents
):
    body = (
        login(people["resident"])
        .get(reverse("talent:profile-list", args=[tree.neighborhood.slug]))
        .content.decode()
    )
    assert "Neighbour" in body and "Far_Resident" not in body
    assert "13900000000" not in body
    detail = (
        login(people["resident"])
        .get(reverse("talent:profile-detail", args=[talents["designer"].pk]))
        .content.decode()
    )
    assert "13900000000" not in detail
    assert (
        login(people["resident"])
        .get(reverse("talent:profile-detail", args=[talents["lawyer"].pk]))
        .status_code
        == 403
    )


def test_staff_see_contact_only_if_allowed(login, people, talents):
    c = login(people["staff"])
    assert (
        "tel:13900000000"
        in c.get(reverse("talent:profile-detail", args=[talents["designer"].pk])).content.decode()
    )
    assert (
        "tel:"
        not in c.get(reverse("talent:profile-detail", args=[talents["lawyer"].pk])).content.decode()
    )


@pytest.mark.parametrize(
    "who,status",
    [
        ("staff", 200),
        ("resident", 403),
        ("leader", 403),
        ("street_staff", 403),
        ("other_staff", 403),
    ],
)
def test_staff_pages_are_for_committee_staff(login, people, tree, talents, who, status):
    c = login(people[who])
    slug = tree.neighborhood.slug
    for name in ["talent:skill-list", "talent:invitation-list", "talent:match"]:
        assert c.get(reverse(name, args=[slug])).status_code == status


def test_staff_invite_from_the_profile_and_the_invitee_answers(login, people, talents):
    c = login(people["staff"])
    url = reverse("talent:profile-detail", args=[talents["designer"].pk])
    assert (
        c.post(url, {"target_kind": "topic", "target_label": "", "target_url": ""}).status_code
        == 200
    )
    assert Invitation.objects.count() == 0
    assert (
        c.post(
            url,
            {
                "target_kind": "topic",
                "target_label": "儿童游乐区怎么改",
                "target_url": "/forum/t/1/",
                "message": "请教",
            },
        ).status_code
        == 302
    )
    invitation = Invitation.objects.get()
    c = login(people["neighbour"])
    assert "儿童游乐区怎么改" in c.get(reverse("talent:mine")).content.decode()
    c.post(
        reverse("talent:invitation-respond", args=[invitation.pk]),
        {"answer": "accept", "note": "周末可以"},
    )
    assert Invitation.objects.get().status == "accepted"
    assert (
        login(people["resident"])
        .post(reverse("talent:invitation-respond", args=[invitation.pk]), {"answer": "decline"})
        .status_code
        == 403
    )


def test_inviting_a_withdrawn_profile_through_the_page_changes_nothing(login, people, talents):
    from linli.talent import actions

    actions.profile_withdraw(person=people["neighbour"])
    response = login(people["staff"]).post(
        reverse("talent:profile-detail", args=[talents["designer"].pk]),
        {"target_kind": "topic", "target_label": "x"},
    )
    assert response.status_code == 403
    assert Invitation.objects.count() == 0


def test_match_page_ranks_and_links_to_invite(login, people, tree, talents):
    url = (
        reverse("talent:match", args=[tree.neighborhood.slug])
        + "?q=小区花园的景观设计&label=花园议题&kind=topic"
    )
    body = login(people["staff"]).get(url).content.decode()
    assert "Neighbour" in body and "Far_Resident" not in body
    assert f"/talent/p/{talents['designer'].pk}/?kind=topic&amp;label=" in body
    redirect = login(people["staff"]).get("/talent/match/?q=x")
    assert redirect.status_code == 302 and redirect["Location"].startswith(
        f"/talent/n/{tree.neighborhood.slug}/match/"
    )


def test_skill_page_adds_and_refuses_duplicates(login, people, tree, skills):
    c = login(people["staff"])
    url = reverse("talent:skill-list", args=[tree.neighborhood.slug])
    assert c.post(url, {"name": "木工", "name_en": "carpentry"}).status_code == 302
    response = c.post(url, {"name": "木工"})
    assert response.status_code == 200 and "has-error" in response.content.decode()


def _grow(tree, skills, n, start):
    building = tree.buildings[0]
    homes = Household.objects.bulk_create(
        [
            Household(
                building=building, neighborhood=tree.neighborhood, unit="8", room=str(i), area=70
            )
            for i in range(start, start + n)
        ]
    )
    for home in homes:
        person = make_person(f"t{home.pk}", home)
        declare(
            person,
            [skills["景观设计"], skills["翻译"]],
            visibility="residents",
            background="景观设计 design",
            tags="手绘, 儿童友好",
        )
        Invitation.objects.create(
            profile=person.talent_profile,
            neighborhood=tree.neighborhood,
            target_kind="topic",
            target_label="x",
        )


PAGES = [
    ("staff", lambda t, p: reverse("talent:profile-list", args=[t.neighborhood.slug])),
    (
        "staff",
        lambda t, p: (
            reverse("talent:profile-list", args=[t.neighborhood.slug]) + "?q=设计&language=中文"
        ),
    ),
    ("resident", lambda t, p: reverse("talent:profile-list", args=[t.neighborhood.slug])),
    (
        "staff",
        lambda t, p: (
            reverse("talent:match", args=[t.neighborhood.slug]) + "?q=景观设计和翻译&circles=手绘"
        ),
    ),
    ("staff", lambda t, p: reverse("talent:invitation-list", args=[t.neighborhood.slug])),
    ("staff", lambda t, p: reverse("talent:skill-list", args=[t.neighborhood.slug])),
    ("staff", lambda t, p: reverse("talent:profile-detail", args=[p.pk])),
    ("neighbour", lambda t, p: reverse("talent:mine")),
]


@pytest.mark.parametrize("who,url", PAGES, ids=[f"page{i}" for i in range(len(PAGES))])
def test_pages_have_constant_query_counts(
    login, people, tree, skills, talents, who, url, django_assert_max_num_queries
):
    _grow(tree, skills, 2, 0)
    c = login(people[who])
    with CaptureQueriesContext(connection) as small:
        assert c.get(url(tree, talents["designer"])).status_code == 200
    _grow(tree, skills, 30, 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url(tree, talents["designer"])).status_code == 200


def test_pages_speak_chinese_by_default_and_english_on_request(login, people, tree, talents):
    c = login(people["staff"])
    url = reverse("talent:profile-list", args=[tree.neighborhood.slug])
    assert "人才库" in c.get(url).content.decode()
    english = c.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Talent pool" in english and "landscape design" in english


def test_an_administrator_without_a_household_opens_the_talent_pages(login, people):
    """Demo finding: /talent/me/ answered 500 for `admin` (a superuser passes every permission,
    talent.declare too, but has no household whose skills the form could offer)."""
    admin = make_person("root")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    c = login(admin)
    assert c.get(reverse("talent:mine")).status_code == 200
    assert c.get(reverse("talent:index"), follow=True).status_code == 200
    assert c.post(reverse("talent:mine"), {"consent": "on"}).status_code == 403
    assert not TalentProfile.objects.filter(person=admin).exists()
    from linli.talent import actions

    with pytest.raises(PermissionDenied):
        actions.profile_save(person=admin, skills=[], consent=True)
