"""Light pages: each page with its stylesheets and scripts transfers at most 100 KB compressed
(user images aside), signed out, as a resident and as staff."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

LIMIT = 100 * 1024


def weight(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content
    total = len(gzip.compress(html))
    assets = set(
        re.findall(
            rb'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="/static/([^"?]+)"', html
        )
    )
    for asset in assets:
        path = finders.find(asset.decode())
        assert path, asset
        with open(path, "rb") as f:
            total += len(gzip.compress(f.read()))
    return total


@pytest.mark.parametrize(
    "who,url",
    [
        (None, "/"),
        (None, "/accounts/signup/"),
        ("resident", "/"),
        ("resident", "/me/household/"),
        ("staff", "/staff/n/nb/households/"),
        ("secretary", "/staff/n/nb/audit/"),
        ("resident", "/notifications/"),
    ],
)
def test_pages_stay_under_100_kb_compressed(client, login, people, who, url):
    if who:
        client = login(people[who])
    assert weight(client, url) < LIMIT


def test_every_app_index_stays_under_100_kb(login, people):
    from linli.core.registry import linli_apps

    # A resident, or for a page opened by a role (the street's) the first person who may open it.
    readers = [people["resident"], people["secretary"], people["street_staff"]]
    for config in linli_apps():
        for url_name, _label, perm in getattr(config, "nav", []):
            reader = next(p for p in readers if perm is None or p.has_perm(perm))
            client = login(reader)
            url = reverse(url_name)
            response = client.get(url, follow=True)
            assert response.status_code == 200, url
            final = response.redirect_chain[-1][0] if response.redirect_chain else url
            assert weight(client, final) < LIMIT, final
