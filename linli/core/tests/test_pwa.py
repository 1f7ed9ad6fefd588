"""The installable app: manifest, service worker, offline page, sitemap, robots, Open Graph."""

import json

import pytest

from linli.core.browser import screenshot


def test_manifest_names_the_app_in_the_users_language(client):
    zh = json.loads(client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="zh-CN").content)
    en = json.loads(client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="en").content)
    assert zh["short_name"] == "邻里" and en["short_name"] == "Linli"
    assert zh["lang"] == "zh-Hans" and en["lang"] == "en"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in zh["icons"]}
    assert any(icon.get("purpose") == "maskable" for icon in zh["icons"])
    assert zh["display"] == "standalone" and zh["start_url"].startswith("/")


def test_service_worker_is_served_from_the_root_with_its_shell(client):
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    assert '"/offline/"' in body and "linli.css" in body


def test_offline_page_and_robots_and_sitemap(client, tree):
    assert client.get("/offline/").status_code == 200
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /staff/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert (
        f"/n/{tree.neighborhood.slug}/" in sitemap
        and f"/buildings/{tree.buildings[0].pk}/" in sitemap
    )


def test_pages_carry_open_graph_tags(client, tree):
    body = client.get(tree.neighborhood.get_absolute_url()).content.decode()
    for prop in ["og:title", "og:description", "og:url", "og:image", "og:site_name"]:
        assert f'property="{prop}"' in body
    assert 'rel="manifest"' in body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_service_worker_installs_and_shows_the_offline_page_when_the_server_is_gone(
    live_server, page, tree
):
    p = page(360)
    p.goto(live_server.url + "/")
    assert p.evaluate("navigator.serviceWorker.ready.then(r => Boolean(r.active))") is True
    manifest = p.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
    )
    assert manifest["short_name"] == "邻里"
    p.context.set_offline(True)
    p.goto(live_server.url + f"/n/{tree.neighborhood.slug}/")
    assert "离线" in p.locator("h1").inner_text()
    screenshot(p, "offline")
    p.context.set_offline(False)
