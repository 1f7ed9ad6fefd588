"""Activity descriptions are screened: a refused text saves nothing; a held description reads
“Waiting for review” to residents (page and API) until staff release it."""

import pytest
from django.core.exceptions import ValidationError

from linli.activities.models import Activity
from linli.moderation.actions import word_add
from linli.moderation.scoring import Verdict
from linli.moderation.screen import hold
from linli.moderation.testing import case_of, decide, waiting

SECRET = "周六一起做环保袋，材料自带"


def _seen(client, activity):
    page = client.get(activity.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/activities/{activity.pk}").json()["description_html"]
    return SECRET in page, SECRET in api, waiting(page)


def test_a_held_description_is_masked_for_residents_until_released(login, people, make_activity):
    activity = make_activity(description=SECRET)
    hold(target=activity, verdict=Verdict("hold", 0.6, ["test"]), text=SECRET)
    assert _seen(login(people["resident"]), activity) == (False, False, True)
    assert _seen(login(people["staff"]), activity)[:2] == (True, True)  # its author, a moderator
    decide(login(people["staff"]), case_of(activity), "approve")
    assert _seen(login(people["resident"]), activity)[:2] == (True, True)


def test_a_description_with_a_blocked_word_is_refused(people, tree, make_activity):
    word_add(actor=people["staff"], neighborhood=tree.neighborhood, word="代开发票", kind="block")
    with pytest.raises(ValidationError):
        make_activity(description="活动现场可以代开发票")
    assert not Activity.objects.exists()
