"""Browser-test fixtures: Playwright (sync API) driving Debian's Chromium.

Registered for the whole suite by ``pytest_plugins = ["linli.core.browser"]`` in the root
conftest.py. A browser test looks like::

    @pytest.mark.browser
    @pytest.mark.django_db(transaction=True)
    def test_home(live_server, page, width):
        p = page(width)                      # a fresh context + page, 360 or 1280 px wide
        p.goto(live_server.url + "/")
        screenshot(p, "home")                # var/test-artifacts/screenshots/home-360.png

Never download a browser (no ``playwright install``): the system Chromium is used, and
tests are skipped with a clear reason when it is missing.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM would then
# refuse synchronous queries from the test (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
]
PHONE, DESKTOP = 360, 1280
WIDTHS = (PHONE, DESKTOP)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "screenshots"
TIMEOUT_MS = 10_000


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run browser tests last. Once Playwright's sync API has started, its event loop counts
    as running in the test thread for the rest of the session: async_to_sync() refuses to
    work there, and only DJANGO_ALLOW_ASYNC_UNSAFE keeps the ORM usable. Other tests should
    never see that loop. (A stable sort: every other order is kept.)"""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium); it is missing"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        pytest.skip("browser tests need the playwright Python package (pip install -e '.[test]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(params=WIDTHS, ids=["phone", "desktop"])
def width(request):
    """Run a test once at 360 px (phone) and once at 1280 px (desktop)."""
    return request.param


@pytest.fixture
def page(browser):
    """Factory: ``page(width, java_script_enabled=True, locale="zh-CN")`` gives a page in a
    fresh browser context (own cookies). Contexts are closed after the test."""
    contexts = []

    def new_page(width=PHONE, *, java_script_enabled=True, locale="zh-CN", height=None, **options):
        context = browser.new_context(
            viewport={"width": width, "height": height or (740 if width < 600 else 900)},
            java_script_enabled=java_script_enabled,
            locale=locale,
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def screenshot(page, name):
    """Save a full-page PNG as var/test-artifacts/screenshots/<name>-<width>.png; returns the path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.-]+", "-", name)
    path = SCREENSHOTS / f"{safe}-{page.viewport_size['width']}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
    except (
        Exception
    ) as error:  # Chromium now and then fails a full-page capture on a busy machine: try once more
        if "Unable to capture screenshot" not in str(error):
            raise
        page.wait_for_timeout(500)
        page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, base_url, username, password):
    """Sign in through the real login form; returns the page after the redirect."""
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form[method=post] button:not([type=button])").first.click()
    return page


def watch_console(page):
    """Start recording the page's console messages (including the browser's own, such as
    Content-Security-Policy refusals); returns the list they are appended to."""
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    return messages


def csp_violations(messages):
    return [m for m in messages if "Content Security Policy" in m]


def horizontal_overflow(page):
    """How many CSS pixels the document is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
