"""What residents and staff see in a real browser (Chromium through Playwright), at 360 and 1280 px.

Screenshots land in var/test-artifacts/screenshots/.
"""

import re

import pytest

from linli.community import actions
from linli.community.models import Resident
from linli.community.testing import PASSWORD
from linli.core.browser import (
    csp_violations,
    horizontal_overflow,
    screenshot,
    sign_in,
    watch_console,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "quiet-river-2048"
CODE_RE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$")


def assert_fits(page):
    """Nothing sticks out sideways: no horizontal scrolling on a phone."""
    assert horizontal_overflow(page) <= 0, (
        f"{page.url} is wider than the {page.viewport_size['width']} px viewport"
    )


def sign_up(page, base_url, code, username):
    page.goto(f"{base_url}/accounts/signup/?code={code}")
    # The QR code on the letter opens exactly this address: the code must already be there.
    assert page.input_value("#id_code") == code
    page.fill("#id_username", username)
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    return page


def submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button:not([type=button])").first.click()


def test_sign_up_with_invitation_code(live_server, page, width, people, tree):
    household = tree.buildings[0].homes[2]  # 1-1-301, nobody has signed up there yet
    [issued] = actions.invitation_generate(households=[household], actor=people["staff"])
    p = page(width)
    console = watch_console(p)

    sign_up(p, live_server.url, issued.code, "newcomer")
    assert_fits(p)
    screenshot(p, "signup-form")
    submit(p)

    assert p.url.endswith("/me/household/")
    main = p.locator("main")
    assert household.room in main.inner_text()
    assert str(household.area) in main.inner_text()
    assert tree.neighborhood.name in main.inner_text()
    assert "newcomer" in main.locator(".people").inner_text()
    assert_fits(p)
    screenshot(p, "signup-done")

    person = Resident.objects.get(username="newcomer")
    assert person.is_verified
    assert person.household_id == household.pk
    assert csp_violations(console) == []


def test_switch_language(live_server, page, width, tree):
    p = page(width)
    p.goto(live_server.url + "/")
    switch = p.locator("form.lang button")
    assert p.get_attribute("html", "lang") == "zh-Hans"  # Chinese is the default
    assert switch.inner_text().strip() == "English"
    assert p.locator("main").get_by_text(tree.neighborhood.name, exact=True).is_visible()
    screenshot(p, "home-zh")

    with p.expect_navigation():
        switch.click()
    assert p.get_attribute("html", "lang") == "en"
    assert switch.inner_text().strip() == "中文"
    assert p.locator("main").get_by_text(tree.neighborhood.name_en, exact=True).is_visible()
    assert_fits(p)
    screenshot(p, "home-en")

    with p.expect_navigation():
        switch.click()
    assert p.get_attribute("html", "lang") == "zh-Hans"
    assert switch.inner_text().strip() == "English"


def test_resident_sees_own_household_only(live_server, page, width, people, tree):
    resident = people["resident"]
    p = page(width)
    sign_in(p, live_server.url, resident.username, PASSWORD)
    p.goto(live_server.url + "/me/household/")

    text = p.locator("main").inner_text()
    home = resident.household
    assert home.room in text
    assert str(home.area) in text
    assert resident.real_name in text
    others = Resident.objects.exclude(household=home).exclude(real_name="")
    assert others.count() >= 8
    for other in others:
        assert other.real_name not in p.content(), (
            f"{other.username}'s real name is on {resident.username}'s household page"
        )
    assert_fits(p)
    screenshot(p, "my-household")


def test_staff_prints_invitation_letters(live_server, page, width, people, tree):
    building = tree.buildings[0]
    p = page(width)
    console = watch_console(p)
    sign_in(p, live_server.url, people["staff"].username, PASSWORD)
    p.goto(f"{live_server.url}/staff/n/{tree.neighborhood.slug}/invitations/")
    assert_fits(p)
    screenshot(p, "invitations-form")

    p.select_option("#id_building", str(building.pk))
    p.uncheck("#id_only_without_account")  # a letter for every household, signed up or not
    submit(p)

    letters = p.locator("article.letter")
    assert letters.count() == len(building.homes) == 4
    codes = []
    for i in range(letters.count()):
        letter = letters.nth(i)
        assert letter.locator(".qr svg").count() == 1
        code = letter.locator(".code").inner_text().strip()
        assert CODE_RE.match(code), code
        assert (
            letter.locator(".url").inner_text().strip()
            == f"{live_server.url}/accounts/signup/?code={code}"
        )
        codes.append(code)
    assert len(set(codes)) == 4
    rooms = " ".join(letters.locator("h1").all_inner_texts())
    for home in building.homes:
        assert home.room in rooms
    screenshot(p, "invitation-letters")
    assert csp_violations(console) == []  # the QR codes are inline SVG without style attributes


def test_without_javascript_sign_up_and_sign_in_work(live_server, page, width, people, tree):
    household = tree.buildings[0].homes[2]
    [issued] = actions.invitation_generate(households=[household], actor=people["staff"])
    p = page(width, java_script_enabled=False)

    sign_up(p, live_server.url, issued.code, "nojs")
    submit(p)
    assert p.url.endswith("/me/household/")
    assert household.room in p.locator("main").inner_text()
    assert Resident.objects.get(username="nojs").household_id == household.pk

    p.locator(".me-menu > summary").click()  # the person's menu: a <details>, no script
    with p.expect_navigation():  # sign out: a plain form post
        p.locator(".me-menu form button").click()
    assert p.locator("header").get_by_role("link", name=re.compile("nojs|Nojs")).count() == 0

    sign_in(p, live_server.url, "nojs", NEW_PASSWORD)
    assert p.url == live_server.url + "/"
    assert p.locator("header .me-menu .name").inner_text() == "nojs"
    assert p.locator("header .me-menu a[href='/me/household/']").count() == 1
    screenshot(p, "nojs-signed-in")


def test_content_security_policy_holds_on_home(live_server, page, width, tree):
    p = page(width)
    console = watch_console(p)
    response = p.goto(live_server.url + "/")
    p.wait_for_load_state("networkidle")

    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert csp_violations(console) == []

    # The listener does hear violations: an inline style is refused and reported.
    p.evaluate(
        "document.head.append(Object.assign(document.createElement('style'), {textContent: 'body{color:red}'}))"
    )
    p.wait_for_timeout(100)
    assert csp_violations(console), console
