"""The API's own documentation: /api/v1/ answers JSON that points to it, and /api/v1/docs
is Swagger UI from django-ninja's own static files (no CDN, which the CSP would block)."""

import re

import pytest
from django.contrib.staticfiles import finders

from linli.core.browser import watch_console


def test_the_api_root_answers_json_with_the_addresses_of_its_documentation(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["docs"] == "/api/v1/docs" and body["openapi"] == "/api/v1/openapi.json"
    assert client.get(body["openapi"]).json()["info"]["title"] == body["name"]


def test_the_docs_page_loads_swagger_ui_from_this_server_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert all(s.startswith("/") for s in sources), sources  # nothing from a CDN
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source
    assert "<script>" not in page  # no inline script for the CSP to refuse


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_renders_every_operation_under_the_csp(live_server, page):
    p = page(1280, locale="en-US")
    console = watch_console(p)
    p.goto(live_server.url + "/api/v1/docs")
    p.wait_for_selector(".opblock", timeout=15_000)
    assert p.locator(".opblock").count() > 50
    assert "Linli API" in p.locator(".info .title").inner_text()
    assert [m for m in console if "Content Security Policy" in m or "Failed" in m] == []
