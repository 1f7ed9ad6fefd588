"""Deleting an account withdraws the talent profile through the app's action."""

from linli.community.actions import resident_delete
from linli.community.testing import PASSWORD
from linli.talent.models import Skill, TalentProfile


def test_deleting_an_account_leaves_the_pool_and_the_skill_counts_stay_right(
    people, skills, talents
):
    assert Skill.objects.get(pk=skills["景观设计"].pk).profile_count == 1
    resident_delete(person=people["neighbour"], password=PASSWORD)
    assert not TalentProfile.objects.filter(person=people["neighbour"]).exists()
    assert Skill.objects.get(pk=skills["景观设计"].pk).profile_count == 0
