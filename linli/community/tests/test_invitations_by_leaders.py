"""Building leaders issue, withdraw and print invitation letters for their own building, not others.

The letters tell residents to ask their building leader for a code; the leader could not issue one.
"""

from django.urls import reverse

from linli.audit.models import AuditEntry
from linli.community.models import InvitationCode


def test_a_leader_prints_letters_for_their_own_building(login, people, tree):
    c = login(people["leader"])
    url = reverse("community:invitation-index", args=[tree.neighborhood.slug])
    page = c.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    own, other = tree.buildings
    assert f'value="{own.pk}"' in body and f'value="{other.pk}"' not in body
    response = c.post(url, {"building": own.pk, "only_without_account": "on"})
    assert response.status_code == 200 and response.content.decode().count('class="letter"') == 1
    assert AuditEntry.objects.filter(
        action="community.invitation_generate", actor=people["leader"]
    ).exists()


def test_a_leader_prints_no_letters_for_another_building(login, people, tree, other_tree):
    c = login(people["leader"])
    url = reverse("community:invitation-index", args=[tree.neighborhood.slug])
    response = c.post(url, {"building": tree.buildings[1].pk})
    assert response.status_code == 200  # the form refuses a building not offered
    assert not InvitationCode.objects.filter(household__building=tree.buildings[1]).exists()
    foreign = reverse("community:invitation-index", args=[other_tree.neighborhood.slug])
    assert c.get(foreign).status_code == 403
    elsewhere = tree.buildings[1].homes[0]
    assert (
        c.post(reverse("community:household-code-generate", args=[elsewhere.pk])).status_code == 403
    )
    assert not InvitationCode.objects.filter(household=elsewhere).exists()


def test_a_leader_issues_and_withdraws_one_household_code_in_their_building(login, people, tree):
    home = tree.buildings[0].homes[2]
    c = login(people["leader"])
    detail = c.get(reverse("community:household-detail", args=[home.pk])).content.decode()
    assert reverse("community:household-code-generate", args=[home.pk]) in detail
    response = c.post(reverse("community:household-code-generate", args=[home.pk]))
    assert response.status_code == 200 and 'class="letter"' in response.content.decode()
    assert InvitationCode.objects.filter(household=home, revoked_at=None).count() == 1
    c.post(reverse("community:household-code-revoke", args=[home.pk]))
    assert InvitationCode.objects.filter(household=home, revoked_at=None).count() == 0


def test_a_leader_withdraws_no_code_of_another_building(login, people, tree):
    from linli.community import actions

    home = tree.buildings[1].homes[0]
    actions.invitation_generate(households=[home], actor=people["staff"])
    response = login(people["leader"]).post(
        reverse("community:household-code-revoke", args=[home.pk])
    )
    assert response.status_code == 403
    assert InvitationCode.objects.filter(household=home, revoked_at=None).count() == 1


def test_the_leaders_building_page_links_to_the_invitation_letters(login, people, tree):
    page = login(people["leader"]).get(tree.buildings[0].get_absolute_url()).content.decode()
    assert reverse("community:invitation-index", args=[tree.neighborhood.slug]) in page
    other = login(people["leader"]).get(tree.buildings[1].get_absolute_url()).content.decode()
    assert reverse("community:invitation-index", args=[tree.neighborhood.slug]) not in other
