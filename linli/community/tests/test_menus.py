"""Menus show only what the person may open: a crawl of every menu, for every role, in both languages.

For each role, the home page and every staff page of the neighborhood are fetched (a staff page
may refuse: it was typed, not offered); every same-site link in their header and navigation
menus is followed, and so are the menu links of the pages reached (one level deeper). None of
the links a menu offers may answer 403 (or any other error).
"""

from html.parser import HTMLParser

import pytest
from django.urls import NoReverseMatch, reverse

from linli.community.testing import make_person
from linli.core.registry import linli_apps

COMMUNITY_STAFF_PAGES = [
    "community:staff-dashboard",
    "community:household-list",
    "community:household-import",
    "community:invitation-index",
    "community:verification-list",
    "community:role-list",
    "stats:levels-edit",
    "audit:audit-log",
]
ROLES = [
    "secretary",
    "staff",
    "leader",
    "owners",
    "property",
    "resident",
    "street_staff",
    "unverified",
    "anonymous",
    "admin",
]


class MenuLinks(HTMLParser):
    """Same-site `<a href>` inside `<header>` and `<nav>` elements."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in ("header", "nav"):
            self.depth += 1
        href = dict(attrs).get("href") or ""
        if tag == "a" and self.depth and href.startswith("/") and not href.startswith("//"):
            self.links.append(href.split("#")[0])

    def handle_endtag(self, tag):
        if tag in ("header", "nav"):
            self.depth -= 1


def menu_links(html):
    parser = MenuLinks()
    parser.feed(html)
    return parser.links


def start_pages(slug):
    names = list(COMMUNITY_STAFF_PAGES)
    for config in linli_apps():
        names += [url_name for url_name, _label, _perm in getattr(config, "staff_nav", [])]
    pages = ["/", reverse("community:staff-index")]
    for name in names:
        try:
            pages.append(reverse(name, args=[slug]))
        except NoReverseMatch:
            continue
    return list(dict.fromkeys(pages))


def crawl(client, starts, language):
    """{(page, menu link): status} for every menu link that did not answer 200."""
    seen = {}

    def get(url):
        if url not in seen:
            response = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE=language)
            html = ""
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                html = response.content.decode()
            seen[url] = (response.status_code, html)
        return seen[url]

    broken, frontier = {}, starts
    for _depth in range(2):
        reached = []
        for page in frontier:
            status, html = get(page)
            if status != 200:
                continue
            for link in menu_links(html):
                link_status, _html = get(link)
                if link_status != 200:
                    broken[(page, link)] = link_status
                reached.append(link)
        frontier = list(dict.fromkeys(reached))
    return broken


@pytest.fixture
def admin(db):
    person = make_person("root")
    person.is_superuser = person.is_staff = True
    person.save()
    return person


@pytest.mark.parametrize("role", ROLES)
def test_no_menu_link_answers_403_for_anyone_in_either_language(
    client, login, people, tree, admin, role
):
    person = admin if role == "admin" else people[role]
    if role != "anonymous":
        login(person)
    starts = start_pages(tree.neighborhood.slug)
    for language in ("zh-hans", "en"):
        broken = crawl(client, starts, language)
        assert not broken, f"{role} ({language}): menu links that fail: {broken}"
