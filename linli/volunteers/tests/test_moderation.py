"""Shift descriptions are screened: a refused text saves nothing; a held description reads
“Waiting for review” to residents until staff release it."""

import pytest
from django.core.exceptions import ValidationError

from linli.moderation.actions import word_add
from linli.moderation.scoring import Verdict
from linli.moderation.screen import hold
from linli.moderation.testing import case_of, decide, waiting
from linli.volunteers.models import Shift

SECRET = "带上手套，分拣错投的垃圾"


def _seen(client, shift):
    page = client.get(shift.get_absolute_url()).content.decode()
    return SECRET in page, waiting(page)


def test_a_held_description_is_masked_for_residents_until_released(login, people, make_shift):
    shift = make_shift(description=SECRET)
    hold(target=shift, verdict=Verdict("hold", 0.6, ["test"]), text=SECRET)
    assert _seen(login(people["resident"]), shift) == (False, True)
    assert _seen(login(people["staff"]), shift)[0] is True
    decide(login(people["staff"]), case_of(shift), "approve")
    assert _seen(login(people["resident"]), shift) == (True, False)


def test_a_description_with_a_blocked_word_is_refused(people, tree, make_shift):
    word_add(actor=people["staff"], neighborhood=tree.neighborhood, word="代开发票", kind="block")
    with pytest.raises(ValidationError):
        make_shift(description="值守时可以代开发票")
    assert not Shift.objects.exists()
