"""WCAG 2.2 AA: axe-core (vendored in vendor/, see test_crawl.py) finds no serious or
critical violation on the foundation's pages, signed out and in, at phone and desktop width."""

from pathlib import Path

import pytest

from linli.community.testing import PASSWORD
from linli.core.browser import sign_in

AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core 4.11.4, vendored (MPL-2.0)

PAGES = [
    (None, "/"),
    (None, "/accounts/signup/"),
    (None, "/accounts/login/"),
    (None, "/n/nb/"),
    ("resident", "/me/"),
    ("resident", "/me/household/"),
    ("resident", "/notifications/"),
    ("resident", "/me/data/"),
    ("staff", "/staff/n/nb/households/"),
    ("staff", "/staff/n/nb/invitations/"),
    ("secretary", "/staff/n/nb/roles/"),
    ("secretary", "/staff/n/nb/audit/"),
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "width,language", [(360, "zh-CN"), (1280, "en")], ids=["phone-zh", "desktop-en"]
)
def test_foundation_pages_have_no_serious_accessibility_violations(
    live_server, page, people, width, language
):
    script = AXE.read_text()
    problems = []
    pages = {}
    for who, path in PAGES:
        if who not in pages:
            pages[who] = p = page(width, locale=language, bypass_csp=True)  # only to inject axe
            if who:
                sign_in(p, live_server.url, who, PASSWORD)
        p = pages[who]
        p.goto(live_server.url + path)
        p.add_script_tag(content=script)
        result = p.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        )
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"][:3]]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
    assert not problems, "\n".join(problems)
