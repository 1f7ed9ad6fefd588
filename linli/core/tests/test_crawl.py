"""The crawl: the demo neighborhood's main pages, for every demo role, in both languages, in a
real browser (Chromium through Playwright) at 360 px, each checked by axe-core for WCAG 2.2 AA
(every impact, not only serious ones), for console errors (CSP refusals among them), for a
status other than 200, and for sideways overflow; the shell pages again at 1280 px.

axe-core 4.11.4 is vendored in linli/core/tests/vendor/ (from the npm package, with its MPL-2.0
licence): nothing is downloaded when the tests run. It is evaluated through the DevTools
protocol, so the page's own CSP stays on and any refusal of the site's own styles or scripts
shows up as a console error.

Kept to about a minute on the 2-core machine by sampling, which is stated here so that nobody
mistakes it for "every page": the demo is loaded with a smaller forum and fewer ballots (the
pages are the same, the lists shorter); the resident visits every capability's index page and
the first detail page under each, in Chinese and English by turns; committee staff (the secretary)
every staff page, each in one language, and a participation chart; every other demo role
the home page in one language and the pages their role opens in the other (the building leader
a participation page, the street its staff page); the desktop shell in both languages.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from linli.core.browser import DESKTOP, PHONE, horizontal_overflow, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = ("zh-hans", "en")
DETAILS_PER_INDEX = 1


@pytest.fixture
def demo(monkeypatch):
    """The demo neighborhood, loaded as `linli demo` does, with a smaller forum (60 topics,
    not 2,000) and one ballot in ten of decide's: the same pages, in seconds, not a minute."""
    from linli.core.demo import load_all
    from linli.decide import demo as decide_demo
    from linli.forum import demo as forum_demo

    monkeypatch.setattr(forum_demo, "TOPICS", 60)
    monkeypatch.setattr(forum_demo, "REPLIES", 300)
    voters = decide_demo._voters
    monkeypatch.setattr(
        decide_demo, "_voters", lambda *args, **kw: voters(*args, **kw)[::10], raising=False
    )
    load_all(io.StringIO())
    from linli.community.models import Neighborhood

    return Neighborhood.objects.get(slug="binjiang")


def signed_in_page(page, live_server, username, language, width=PHONE):
    """A page of a fresh browser context, signed in as `username` (a session made by Django's
    test client, handed to the browser as its cookie) and reading `language`."""
    p = page(width, locale="zh-CN" if language == "zh-hans" else "en-US")
    cookies = [{"name": "django_language", "value": language, "url": live_server.url}]
    if username:
        from linli.community.models import Resident

        client = Client()
        client.force_login(
            Resident.objects.get(username=username),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        name = settings.SESSION_COOKIE_NAME
        cookies.append({"name": name, "value": client.cookies[name].value, "url": live_server.url})
    p.context.add_cookies(cookies)
    errors = []
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(str(e)))
    return p, errors


def check(p, errors, url):
    """Open `url` and return what is wrong with it (an empty list when nothing is)."""
    errors.clear()
    response = p.goto(url)
    problems = []
    if response.status != 200:
        problems.append(f"status {response.status}")
    p.evaluate(AXE + ";0")
    result = p.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});"
        " return r.violations.map(v => v.id + ' (' + v.impact + '): ' +"
        " v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')); }",
        WCAG_22_AA,
    )
    problems += [f"axe {v}" for v in result]
    problems += [f"console: {e}" for e in errors]
    overflow = horizontal_overflow(p)
    if overflow > 0:
        problems.append(f"{overflow} px wider than the {p.viewport_size['width']} px viewport")
    return [f"{url} → {problem}" for problem in problems]


def links_under(p, prefix, limit):
    """Up to `limit` distinct pages linked from <main> that lie under `prefix` (detail pages
    of an index), leaving out files (calendar feeds, exports) and filtered views."""
    hrefs = p.eval_on_selector_all(
        "main a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
    )
    found = []
    for href in hrefs:
        deeper = href.startswith(prefix) and href != prefix and href.endswith("/")
        if deeper and "?" not in href and href not in found:
            found.append(href)
        if len(found) == limit:
            break
    return found


def capability_urls(p, base):
    p.goto(base + "/all/")
    return p.eval_on_selector_all("main .tiles a", "els => els.map(e => e.getAttribute('href'))")


ROLE_PAGES = {
    None: ["/accounts/login/", "/accounts/signup/"],
    "staff": ["/staff/"],
    "leader": ["/consult/{consultation}/participation/"],
    "owners": ["/decide/"],
    "property": ["/office/"],
    "street": ["/staff/"],
    "emma": ["/me/"],
}


def test_crawl_of_every_role_in_both_languages_finds_nothing_wrong(live_server, page, demo):
    """One test, so that the demo is loaded once (about half of the run)."""
    from linli.consult.models import Consultation

    base = live_server.url
    consultation = Consultation.objects.filter(neighborhood=demo).order_by("pk").first()
    problems, visited = [], 0

    def crawl(p, errors, urls):
        nonlocal problems, visited
        for url in urls:
            problems += check(p, errors, base + url)
            visited += 1

    # The resident: the shell pages in both languages; every capability's index and the
    # first detail page under it, in Chinese and English by turns.
    resident = {lang: signed_in_page(page, live_server, "resident", lang) for lang in LANGUAGES}
    p, errors = resident[LANGUAGES[0]]
    indexes = capability_urls(p, base)
    assert "/forum/" in indexes and "/me/" in indexes  # the capability page lists them
    for language in LANGUAGES:
        crawl(*resident[language], ["/", "/all/"])
    for n, url in enumerate(indexes):
        p, errors = resident[LANGUAGES[n % 2]]
        crawl(p, errors, [url])
        if url not in ("/me/", "/notifications/"):
            crawl(p, errors, links_under(p, url, DETAILS_PER_INDEX))
    for p, _errors in resident.values():
        p.context.close()

    # Committee staff (the secretary): every staff page, in one language or the other.
    for n, language in enumerate(LANGUAGES):
        p, errors = signed_in_page(page, live_server, "secretary", language)
        p.goto(f"{base}/staff/n/{demo.slug}/")
        staff_pages = p.eval_on_selector_all(
            ".staff-menu .menu-list a", "els => els.map(e => e.getAttribute('href'))"
        )
        assert len(staff_pages) > 8, staff_pages  # one compact menu holds them all
        crawl(p, errors, [*staff_pages[n::2], f"/consult/{consultation.pk}/participation/"])
        p.context.close()

    # Every other role (and nobody signed in): the shell pages and what their role opens.
    for n, (username, extra) in enumerate(ROLE_PAGES.items()):
        for language in LANGUAGES:
            p, errors = signed_in_page(page, live_server, username, language)
            # the home page in one language, the role's own pages in the other
            urls = ["/"] if language == LANGUAGES[n % 2] else extra
            crawl(p, errors, [u.format(consultation=consultation.pk) for u in urls])
            p.context.close()

    # The desktop shell, in both languages, with a group of the menu open.
    for language in LANGUAGES:
        p, errors = signed_in_page(page, live_server, "secretary", language, width=DESKTOP)
        for url in ["/", "/all/"]:
            crawl(p, errors, [url])
            screenshot(p, f"crawl-secretary-{language}-{url.strip('/') or 'home'}")  # looked at
        p.locator(".menu-nav details.menu > summary").first.click()
        p.evaluate(AXE + ";0")
        opened = p.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
            ".violations.map(v => v.id)",
            WCAG_22_AA,
        )
        problems += [f"/ with a menu open → axe {v}" for v in opened]
        # Tab order follows the visual order: through the header from left to right, with a
        # focus ring (not the 1.01:1 of the old green header) on each stop.
        p.keyboard.press("Escape")
        p.goto(base + "/")
        stops = []
        for _ in range(8):
            p.keyboard.press("Tab")
            stops.append(
                p.evaluate(
                    "(() => { const e = document.activeElement, r = e.getBoundingClientRect();"
                    " return [r.x, r.y, getComputedStyle(e).outlineStyle]; })()"
                )
            )
        header = [stop for stop in stops[1:] if stop[1] < 60]  # after the skip link
        assert len(header) >= 6
        assert [x for x, _y, _o in header] == sorted(x for x, _y, _o in header)
        assert {outline for _x, _y, outline in header} == {"solid"}
        # The person's menu (with "Sign out") is on the brand's line, not wrapped below it.
        brand = p.locator(".brand").bounding_box()
        me = p.locator(".me-menu > summary").bounding_box()
        assert abs(brand["y"] + brand["height"] / 2 - (me["y"] + me["height"] / 2)) < 8
        p.context.close()

    assert visited > 40
    assert not problems, "\n".join(problems)
