"""neighborhood_or_404: the one way a view finds a neighborhood by slug and asks the rules."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from linli.community.shortcuts import neighborhood_or_404


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_neighborhood_or_404_returns_the_neighborhood_to_someone_allowed(tree, people):
    found = neighborhood_or_404(
        _request(people["staff"]), tree.neighborhood.slug, "community.list_households"
    )
    assert found == tree.neighborhood


def test_neighborhood_or_404_refuses_someone_not_allowed_with_the_given_message(tree, people):
    with pytest.raises(PermissionDenied, match="not for you"):
        neighborhood_or_404(
            _request(people["resident"]),
            tree.neighborhood.slug,
            "community.list_households",
            "not for you",
        )


def test_neighborhood_or_404_answers_404_for_an_unknown_slug_before_asking_the_rules(people):
    with pytest.raises(Http404):
        neighborhood_or_404(
            _request(people["anonymous"]), "no-such-place", "community.list_households"
        )


def test_neighborhood_or_404_without_a_permission_only_finds(tree, people):
    assert (
        neighborhood_or_404(_request(people["anonymous"]), tree.neighborhood.slug)
        == tree.neighborhood
    )
