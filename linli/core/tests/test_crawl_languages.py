"""Every main page, for a few roles, in both languages (Django test client, no browser): an
English page says nothing in Chinese but the data it shows, and a Chinese page shows no English
sentence that the catalogues translate (a msgid left as it is)."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ROLES = [None, "resident", "secretary", "street_staff"]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Said in Chinese on purpose on English pages: the sorting guide's example searches (residents
# type the Chinese names of things, English ones or pinyin initials).
# Language names are given in their own language (the profile's language choice).
ON_PURPOSE = {"e.g. 奶茶杯, battery, kqs", "简体中文"}
# Help that shows what Chinese input looks like (the import's Chinese column headers, other
# names of a sorting item).
ON_PURPOSE_HELP = ("Columns: building, unit, room", "Other names people use")


class _Text(HTMLParser):
    """Visible text nodes and the attributes people read (placeholder, aria-label, title, alt).
    Skipped: scripts and styles, what is hidden from everyone (aria-hidden: the brand's 邻 mark)
    and what is marked as another language (lang="zh-Hans": the language switcher's 中文)."""

    READ = {"placeholder", "aria-label", "title", "alt"}

    def __init__(self):
        super().__init__()
        self.parts, self._stack = [], []

    def _hidden(self):
        return any(self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = (
            tag in ("script", "style", "template")
            or attrs.get("aria-hidden") == "true"
            or (attrs.get("lang") or "").startswith("zh")
        )
        if not self._hidden() and not skip:
            for name in self.READ:
                if attrs.get(name):
                    self.parts.append(attrs[name].strip())
        if tag not in VOID:
            self._stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not self._hidden() and data.strip():
            self.parts.append(data.strip())


def texts(html):
    parser = _Text()
    parser.feed(html)
    return parser.parts


def _translated_msgids():
    """msgids the Chinese catalogues translate into something else, long enough to be a phrase."""
    found = set()
    for po in Path(settings.BASE_DIR).glob("**/locale/zh_Hans/LC_MESSAGES/django.mo"):
        if ".venv" in po.parts:
            continue
        with open(po, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
        for key, value in catalog.items():
            if isinstance(key, tuple):
                key = key[0]
            key = key.split("\x04")[-1]
            if len(key) >= 4 and " " in key and "%" not in key and value != key:
                found.add(key)
    return found


def _urls(who, person=None):
    from linli.core.registry import linli_apps

    urls = ["/"]
    if who:
        urls += ["/me/", "/me/data/", "/notifications/"]
        if who != "street_staff":  # the street's staff need not live here: no household
            urls.append("/me/household/")
    for config in linli_apps():
        # A page opened by a role (the street's) only for those who hold it (or, signed out, the sign-in).
        urls += [
            reverse(name)
            for name, _label, perm in getattr(config, "nav", [])
            if perm is None or person is None or person.has_perm(perm)
        ]
        if who == "secretary":
            for name, _label, _perm in getattr(config, "staff_nav", []):
                urls.append(reverse(name, args=["nb"]))
    return urls


def _data_words(people, tree):
    """What the pages show from the data (names of places and people), in either language."""
    from linli.community.models import Compound, Neighborhood, Resident, Street

    words = set()
    for model, fields in [
        (Street, ["name"]),
        (Neighborhood, ["name"]),
        (Compound, ["name"]),
        (Resident, ["real_name", "display_name", "username"]),
    ]:
        for row in model.objects.values_list(*fields):
            words.update(w for w in row if w)
    return sorted(words, key=len, reverse=True)


def _get(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("who", ROLES)
def test_english_pages_say_nothing_in_chinese_but_the_data(client, login, people, tree, who):
    c = login(people[who]) if who else client
    data = _data_words(people, tree)
    leaks = []
    for url in _urls(who, people[who] if who else None):
        html = _get(c, url, "en")
        assert 'lang="en"' in html, url
        for text in texts(html):
            if text in ON_PURPOSE or text.startswith(ON_PURPOSE_HELP):
                continue
            for word in data:
                text = text.replace(word, "")
            if CJK.search(text):
                leaks.append(f"{url}: {text[:80]}")
    assert not leaks, "\n".join(sorted(set(leaks)))


@pytest.mark.parametrize("who", ROLES)
def test_chinese_pages_leave_no_sentence_untranslated(client, login, people, tree, who):
    c = login(people[who]) if who else client
    msgids = _translated_msgids()
    assert "Sign up" in msgids or "Sign in" in msgids or len(msgids) > 500
    leaks = []
    for url in _urls(who, people[who] if who else None):
        html = _get(c, url, "zh-hans")
        assert 'lang="zh-Hans"' in html, url
        leaks += [f"{url}: {text}" for text in texts(html) if text in msgids]
    assert not leaks, "\n".join(sorted(set(leaks)))


def test_english_counts_and_times_read_right(client, login, people, tree):
    """The strings fixed for issue 18 as a reader meets them: '1 support', no 'p.m..'."""
    from linli.forum import actions

    topic = actions.topic_create(
        author=people["resident"], neighborhood=tree.neighborhood, title="Lift", body="Broken."
    )
    actions.support_add(person=people["neighbour"], topic=topic)
    c = login(people["resident"])
    listing = _get(c, reverse("forum:topic-list", args=["nb"]), "en")
    assert "1 support<" in listing or "1 support " in listing
    assert "1 supports" not in listing and "1 replies" not in listing
    assert "p.m.." not in listing
    chinese = _get(c, reverse("forum:topic-list", args=["nb"]), "zh-hans")
    assert "supports" not in chinese
