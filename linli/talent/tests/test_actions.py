"""Talent actions: consent, withdrawal, skills and invitations; bad input changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from linli.notify.models import Notification
from linli.talent import actions, selectors
from linli.talent.models import Invitation, Skill, TalentProfile

from .factories import declare


def test_profile_needs_consent_and_saves_nothing_without_it(people, skills):
    with pytest.raises(ValidationError) as error:
        actions.profile_save(person=people["resident"], skills=[skills["法律"]], consent=False)
    assert "consent" in error.value.message_dict
    assert not TalentProfile.objects.filter(person=people["resident"]).exists()


def test_unverified_person_cannot_declare(people, skills):
    with pytest.raises(PermissionDenied):
        declare(people["unverified"], [skills["法律"]])
    assert TalentProfile.objects.count() == 0


def test_profile_needs_a_skill_and_known_choices(people, skills):
    with pytest.raises(ValidationError):
        declare(people["resident"], [])
    with pytest.raises(ValidationError):
        declare(people["resident"], [skills["法律"]], help_kinds=("juggling",))
    assert TalentProfile.objects.count() == 0


def test_skill_of_another_neighborhood_is_refused(people, other_tree):
    foreign = Skill.objects.create(neighborhood=other_tree.neighborhood, name="外区技能")
    with pytest.raises(ValidationError):
        declare(people["resident"], [foreign])


def test_profile_save_indexes_text_and_counts_skills(people, skills, talents):
    profile = talents["designer"]
    assert (
        "景观设计" in profile.keywords
        and "landscape design" in profile.keywords
        and "手绘" in profile.keywords
    )
    assert "pocket parks" in profile.search_text
    assert Skill.objects.get(pk=skills["景观设计"].pk).profile_count == 1
    declare(people["neighbour"], [skills["法律"]], visibility="residents")
    assert Skill.objects.get(pk=skills["景观设计"].pk).profile_count == 0
    assert Skill.objects.get(pk=skills["法律"].pk).profile_count == 2


def test_withdrawing_hides_the_profile_at_once_and_closes_invitations(
    people, tree, skills, talents
):
    lawyer = talents["lawyer"]
    actions.invitation_create(
        profile=lawyer, target_kind="topic", target_label="物业费怎么算", actor=people["staff"]
    )
    assert (
        selectors.profile_search(neighborhood=tree.neighborhood, staff=True, q="律师").count() == 1
    )
    actions.profile_withdraw(person=people["far_resident"])
    assert (
        selectors.profile_search(neighborhood=tree.neighborhood, staff=True, q="律师").count() == 0
    )
    assert selectors.talent_match(neighborhood=tree.neighborhood, text="物业纠纷律师") == []
    assert Invitation.objects.get(profile=lawyer).status == "declined"
    assert Skill.objects.get(pk=skills["法律"].pk).profile_count == 0
    assert not people["staff"].has_perm(
        "talent.view_profile", TalentProfile.objects.get(pk=lawyer.pk)
    )


def test_inviting_someone_who_withdrew_is_refused_and_changes_nothing(people, talents):
    actions.profile_withdraw(person=people["far_resident"])
    before = Notification.objects.count()
    with pytest.raises(ValidationError) as error:
        actions.invitation_create(
            profile=talents["lawyer"], target_kind="topic", target_label="x", actor=people["staff"]
        )
    assert error.value.code == "withdrawn"
    assert Invitation.objects.count() == 0 and Notification.objects.count() == before
    assert TalentProfile.objects.get(pk=talents["lawyer"].pk).invitation_count == 0


def test_invitation_notifies_and_is_tracked_until_answered(people, talents):
    invitation = actions.invitation_create(
        profile=talents["designer"],
        target_kind="project",
        target_id=7,
        target_label="垃圾分类房",
        target_url="/projects/7/",
        message="请来帮忙",
        actor=people["staff"],
    )
    assert (
        Notification.objects.filter(recipient=people["neighbour"], kind="talent.invited").count()
        == 1
    )
    assert TalentProfile.objects.get(pk=talents["designer"].pk).invitation_count == 1
    with pytest.raises(ValidationError):
        actions.invitation_create(
            profile=talents["designer"],
            target_kind="project",
            target_id=7,
            target_label="again",
            actor=people["staff"],
        )
    with pytest.raises(PermissionDenied):
        actions.invitation_respond(invitation=invitation, accept=True, actor=people["resident"])
    answered = actions.invitation_respond(
        invitation=invitation, accept=False, note="出差中", actor=people["neighbour"]
    )
    assert answered.status == "declined" and answered.response_note == "出差中"
    assert (
        Notification.objects.filter(
            recipient=people["staff"], kind="talent.invitation_answered"
        ).count()
        == 1
    )
    with pytest.raises(ValidationError):
        actions.invitation_respond(invitation=invitation, accept=True, actor=people["neighbour"])
    assert Invitation.objects.get(pk=invitation.pk).status == "declined"


@pytest.mark.parametrize("who", ["resident", "leader", "owners", "other_staff", "street_staff"])
def test_only_committee_staff_invite(people, talents, who):
    with pytest.raises(PermissionDenied):
        actions.invitation_create(
            profile=talents["designer"], target_kind="topic", target_label="x", actor=people[who]
        )
    assert Invitation.objects.count() == 0


def test_invitation_link_must_stay_on_this_site(people, talents):
    with pytest.raises(ValidationError):
        actions.invitation_create(
            profile=talents["designer"],
            target_kind="topic",
            target_label="x",
            target_url="https://evil.example/",
            actor=people["staff"],
        )
    with pytest.raises(ValidationError):
        actions.invitation_create(
            profile=talents["designer"],
            target_kind="topic",
            target_label="x",
            target_url="//evil.example/",
            actor=people["staff"],
        )


def test_skill_list_is_kept_by_staff_only(people, tree):
    skill = actions.skill_create(
        neighborhood=tree.neighborhood, name="木工", name_en="carpentry", actor=people["staff"]
    )
    with pytest.raises(ValidationError):
        actions.skill_create(neighborhood=tree.neighborhood, name="木工", actor=people["staff"])
    with pytest.raises(PermissionDenied):
        actions.skill_create(neighborhood=tree.neighborhood, name="园艺", actor=people["resident"])
    with pytest.raises(PermissionDenied):
        actions.skill_delete(skill=skill, actor=people["resident"])
    declare(people["resident"], [skill])
    actions.skill_delete(skill=skill, actor=people["staff"])
    profile = TalentProfile.objects.get(person=people["resident"])
    assert "木工" not in profile.keywords


def test_privacy_export_and_anonymise(people, skills, talents):
    from linli.talent import privacy

    data = privacy.export(people["neighbour"])
    assert (
        data["talent_profile"]["skills"] == ["景观设计"]
        and data["talent_profile"]["contact_allowed"] is True
    )
    privacy.anonymise(people["neighbour"])
    assert not TalentProfile.objects.filter(person=people["neighbour"]).exists()
    assert Skill.objects.get(pk=skills["景观设计"].pk).profile_count == 0
