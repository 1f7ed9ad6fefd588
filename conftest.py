"""Named people in every role, shared by all tests (Zulip's hamlet and iago, for Linli).

Tree: street S has neighborhood `nb` (buildings 1 and 2, four households each) and
neighborhood `other` (one building). People:

- secretary, staff: committee of nb            - leader: leads nb building 1
- resident: household nb/1/101                  - housemate: same household
- neighbour: nb building 1, another household   - far_resident: nb building 2
- owners, property: owners' committee / property manager of nb
- street_staff: street staff of S               - other_staff: committee of `other`
- unverified: signed up, no household           - anonymous: nobody signed in
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from linli.community.models import Role
from linli.community.testing import PASSWORD, grant, make_person, make_tree

pytest_plugins = ["linli.core.browser"]

K = Role.Kind


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    # Each test's data is rolled back without a write the page cache could see.
    from linli.core import pagecache

    pagecache.clear()
    from linli.community import predicates

    predicates._street_of_neighborhood.clear()
    # Rate limits count in the database (on a connection of their own, outside the test's
    # transaction): forgotten between tests, and the connection closed so that the test
    # database can be dropped.
    from linli.core import ratelimit

    ratelimit.reset()
    yield
    ratelimit.reset()


@pytest.fixture(autouse=True)
def _query_counts_measure_rendering(monkeypatch):
    """Counting queries (CaptureQueriesContext, django_assert_num_queries) is about what a page
    costs to render, whatever the data size: inside a count, pages are not answered from the
    page cache (linli/core/pagecache.py, tested on its own in linli/core/tests/test_pagecache.py)."""
    from django.test.utils import CaptureQueriesContext, override_settings

    enter, leave = CaptureQueriesContext.__enter__, CaptureQueriesContext.__exit__

    def counting(self):
        self._no_page_cache = override_settings(PAGE_CACHE_ENABLED=False)
        self._no_page_cache.enable()
        return enter(self)

    def counted(self, *exc):
        try:
            return leave(self, *exc)
        finally:
            self._no_page_cache.disable()

    monkeypatch.setattr(CaptureQueriesContext, "__enter__", counting)
    monkeypatch.setattr(CaptureQueriesContext, "__exit__", counted)


@pytest.fixture
def tree(db):
    return make_tree("nb")


@pytest.fixture
def other_tree(db, tree):
    return make_tree("other", street=tree.street, buildings=1)


@pytest.fixture
def home(tree):
    return tree.buildings[0].homes[0]


@pytest.fixture
def people(tree, other_tree):
    b1, b2 = tree.buildings
    nb = tree.neighborhood
    p = {
        "secretary": grant(
            grant(make_person("secretary", b2.homes[3]), K.SECRETARY, neighborhood=nb),
            K.COMMITTEE_STAFF,
            neighborhood=nb,
        ),
        "staff": grant(make_person("staff", b2.homes[2]), K.COMMITTEE_STAFF, neighborhood=nb),
        "leader": grant(make_person("leader", b1.homes[3]), K.BUILDING_LEADER, building=b1),
        "resident": make_person("resident", b1.homes[0], real_name="张三", phone="13811112222"),
        "housemate": make_person("housemate", b1.homes[0]),
        "neighbour": make_person("neighbour", b1.homes[1]),
        "far_resident": make_person("far_resident", b2.homes[0]),
        "owners": grant(make_person("owners", b2.homes[1]), K.OWNERS_COMMITTEE, neighborhood=nb),
        "property": grant(make_person("property"), K.PROPERTY_MANAGER, neighborhood=nb),
        "street_staff": grant(make_person("street_staff"), K.STREET_STAFF, street=tree.street),
        "other_staff": grant(
            make_person("other_staff", other_tree.buildings[0].homes[0]),
            K.COMMITTEE_STAFF,
            neighborhood=other_tree.neighborhood,
        ),
        "unverified": make_person("unverified"),
        "anonymous": AnonymousUser(),
    }
    from linli.community.actions import counters_refresh

    counters_refresh(neighborhood=nb)
    counters_refresh(neighborhood=other_tree.neighborhood)
    return p


@pytest.fixture
def login(client):
    """Sign a client in as someone: login(people['staff'])."""

    def _login(person):
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


@pytest.fixture
def password():
    return PASSWORD
