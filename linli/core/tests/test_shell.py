"""The app shell (templates/base.html, core/context_processors.py): the grouped desktop menu,
the phone tab bar, the page of every capability, icons, avatars, the staff menu, the tokens."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from linli.core.icons import NAMES, SPRITE
from linli.core.registry import linli_apps
from linli.core.templatetags.linli import initials

STATIC = Path(settings.BASE_DIR) / "static"


def nav_urls():
    from django.urls import reverse

    return {reverse(u) for c in linli_apps() for u, _l, _p in getattr(c, "nav", [])}


def test_initials_take_a_chinese_name_s_first_character_and_latin_names_initials():
    assert initials("王芳") == "王"
    assert initials("Emma Schulz") == "ES"
    assert initials("emma") == "E"
    assert initials("r03896_x") == "RX"
    assert initials("") == "?"


def test_an_avatar_shows_initials_in_a_colour_class_not_an_inline_style():
    html = Template("{% load linli %}{% avatar name %}").render(Context({"name": "王芳"}))
    assert re.fullmatch(r'<span class="avatar avatar-[0-7]" aria-hidden="true">王</span>', html)


def test_icons_come_from_the_vendored_sprite_and_an_unknown_name_is_an_error():
    sprite = (STATIC / SPRITE).read_text()
    for name in NAMES:
        assert f'<symbol id="{name}"' in sprite
    assert (STATIC / "icons" / "LICENSE").read_text().startswith("MIT License")
    html = Template('{% load linli %}{% icon "bell" %}').render(Context())
    assert 'aria-hidden="true"' in html and "/static/icons/heroicons.svg#bell" in html
    labelled = Template('{% load linli %}{% icon "bell" "Alerts" %}').render(Context())
    assert 'role="img" aria-label="Alerts"' in labelled
    with pytest.raises(TemplateSyntaxError):
        Template('{% load linli %}{% icon "no-such-icon" %}').render(Context())


def test_every_capability_names_an_icon_of_the_sprite_and_a_group_of_the_menu():
    from linli.core.context_processors import GROUPS

    groups = {key for key, _label in GROUPS}
    for config in linli_apps():
        if getattr(config, "nav", []):
            assert config.nav_icon in NAMES, config.name
            assert config.nav_group in groups, config.name


def test_every_design_token_the_stylesheet_uses_is_defined_in_tokens_css():
    tokens = set(re.findall(r"(--[\w-]+)\s*:", (STATIC / "css" / "tokens.css").read_text()))
    used = set(re.findall(r"var\((--[\w-]+)", (STATIC / "css" / "linli.css").read_text()))
    assert used and used <= tokens, used - tokens
    assert not re.search(r"^\s*--[\w-]+\s*:", (STATIC / "css" / "linli.css").read_text(), re.M)


def test_the_desktop_menu_groups_every_capability_and_keeps_sign_out_in_the_person_s_menu(
    client, login, people, django_assert_max_num_queries
):
    client = login(people["resident"])
    with django_assert_max_num_queries(25):  # the home page's cards; the menu adds none
        page = client.get("/").content.decode()
    menu = page[page.index('<nav class="menu-nav"') : page.index("</nav>")]
    top = re.findall(
        r"<li><(?:a|details)\b", re.sub(r'<ul class="menu-list">.*?</ul>', "", menu, flags=re.S)
    )
    assert len(top) <= 6  # Home, three groups, perhaps Staff: not 13 links in a row
    assert menu.count('<details class="menu">') == 3
    me_menu = page[page.index('<details class="menu me-menu">') :]
    assert "Sign out" in me_menu or "退出" in me_menu
    for url in nav_urls():
        if url in ("/talent/", "/volunteers/", "/street/"):
            continue  # opened by permission; checked below
        assert f'href="{url}"' in menu, url
    assert 'class="avatar avatar-' in page


def test_the_phone_tab_bar_has_five_tabs_and_marks_the_current_one(client, login, people):
    client = login(people["resident"])
    page = client.get("/forum/", follow=True).content.decode()
    bar = page[page.index('<nav class="tabbar"') :]
    bar = bar[: bar.index("</nav>")]
    assert len(re.findall(r"<a href=", bar)) == 5
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', bar)
    assert current == ["/forum/"]
    anonymous = client.__class__().get("/").content.decode()
    bar = anonymous[anonymous.index('<nav class="tabbar"') :]
    assert '<a href="/accounts/login/"' in bar[: bar.index("</nav>")]


@pytest.mark.parametrize("who", ["anonymous", "resident", "secretary"])
def test_the_capability_page_lists_what_the_person_may_open_with_icons(
    client, login, people, who, django_assert_max_num_queries
):
    if who != "anonymous":
        client = login(people[who])
    with django_assert_max_num_queries(12):
        response = client.get("/all/")
    assert response.status_code == 200
    page = response.content.decode()
    tiles = re.findall(r'<li><a href="([^"]+)"><svg class="icon"', page)
    shown = set(tiles)
    assert {"/forum/", "/office/", "/activities/", "/spaces/"} <= shown
    person = people[who]
    assert ("/volunteers/" in shown) == person.has_perm("volunteers.sign_up_anywhere")
    assert ("/street/" in shown) == person.has_perm("street.open_street")
    assert ("/staff/" in shown) == (who == "secretary")
    assert ("/me/" in shown) == (who != "anonymous")


def test_the_capability_page_speaks_both_languages(client):
    for language, title, group in (
        ("en", "Everything Linli does", "Have a say"),
        ("zh-hans", "全部功能", "议事"),
    ):
        with translation.override(language):
            page = client.get("/all/", headers={"accept-language": language}).content.decode()
        assert title in page and group in page, language


def test_the_staff_pages_are_one_compact_menu_not_a_row_of_pills(client, login, people):
    page = login(people["secretary"]).get("/staff/n/nb/households/").content.decode()
    assert page.count('<details class="menu staff-menu">') == 1
    assert 'class="subnav"' not in page
    menu = page[page.index('<details class="menu staff-menu">') :]
    menu = menu[: menu.index("</details>")]
    assert len(re.findall(r"<li><a href=", menu)) >= 8
    assert 'href="/staff/n/nb/households/" aria-current="page"' in menu
