"""The same check runs where residents write outside the forum: office requests (and consultations, profiles, comments)."""

import pytest
from django.core.exceptions import ValidationError

from linli.moderation.models import Sanction
from linli.office import actions as office
from linli.office.models import Category, Party, Request

from .conftest import SPAM


@pytest.fixture
def lift(tree):
    return Category.objects.create(
        neighborhood=tree.neighborhood,
        code="lift",
        name="电梯故障",
        party=Party.PROPERTY_MANAGER,
        accept_hours=2,
        resolve_hours=48,
    )


def submit(people, tree, lift, description, **kw):
    return office.request_submit(
        reporter=people["resident"],
        neighborhood=tree.neighborhood,
        category=lift,
        description=description,
        **kw,
    )


def test_office_request_refuses_spam_and_banned_authors(people, tree, lift):
    with pytest.raises(ValidationError, match="spam"):
        submit(people, tree, lift, SPAM)
    assert submit(people, tree, lift, "电梯又停了，老人上下楼不方便。").pk
    Sanction.objects.create(
        person=people["resident"], neighborhood=tree.neighborhood, kind="ban", reason="广告"
    )
    with pytest.raises(ValidationError, match="banned"):
        submit(people, tree, lift, "电梯又停了，麻烦看一下。")
    assert Request.objects.count() == 1


def test_public_office_request_points_out_personal_data(people, tree, lift):
    with pytest.raises(ValidationError, match="13912345678"):
        submit(people, tree, lift, "电梯坏了，师傅来之前请打 13912345678", public=True)
    assert submit(people, tree, lift, "电梯坏了，师傅来之前请打 13912345678", public=False).pk
