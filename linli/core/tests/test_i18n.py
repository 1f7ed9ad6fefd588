"""Every catalogue is complete: no untranslated or fuzzy entry, and the committed .mo matches its .po."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = sorted(
    p
    for p in Path(settings.BASE_DIR).glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
    if ".venv" not in p.parts
)


@pytest.mark.skipif(
    not shutil.which("msgfmt"), reason="gettext is installed by `make test` (system-deps)"
)
@pytest.mark.parametrize(
    "po", CATALOGUES, ids=[str(p.relative_to(settings.BASE_DIR)) for p in CATALOGUES]
)
def test_catalogue_is_complete_and_compiled(po, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    committed = po.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run make messages"
    assert committed.read_bytes() == (tmp_path / "django.mo").read_bytes(), (
        f"{committed} is older than its .po: run make messages"
    )


def test_there_is_a_catalogue():
    assert CATALOGUES


def test_pages_switch_language(client, tree):
    zh = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    en = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="zh-Hans"' in zh and "居民区" in zh
    assert 'lang="en"' in en and "Neighborhoods" in en


def _compiled_catalogues():
    import gettext

    for po in CATALOGUES:
        with open(po.with_suffix(".mo"), "rb") as f:
            yield po, gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]


def test_every_catalogue_entry_is_what_the_page_shows():
    """Django merges every app's catalogue into one per language; the same msgid in two apps
    shows one app's words in both (the booking time said 开始日期, a forum filter's "From";
    a consultation's title said 称号, the level's "title"). A word used in two senses takes a
    context (pgettext); a word used in one sense is said the same way everywhere."""
    from django.utils import translation

    wrong = []
    with translation.override("zh-hans"):
        catalog = translation.trans_real.translation("zh-hans")._catalog
        for po, own in _compiled_catalogues():
            for key, msgstr in own.items():
                if key == "" or isinstance(key, tuple) or not msgstr:
                    continue
                shown = catalog.get(key)
                if shown != msgstr:
                    wrong.append(
                        f"{po.parent.parent.parent.parent}: {key!r} → {shown!r}, not {msgstr!r}"
                    )
    assert not wrong, "\n".join(sorted(wrong))


def test_words_read_in_the_sense_of_their_page():
    from django.utils import translation

    from linli.consult.models import Consultation, Question
    from linli.forum.forms import SearchForm
    from linli.spaces.forms import BookingForm
    from linli.stats.models import LevelTitle

    with translation.override("zh-hans"):
        assert str(BookingForm.base_fields["start"].label) == "开始"
        assert str(SearchForm.base_fields["since"].label) == "开始日期"
        assert str(Consultation._meta.get_field("title").verbose_name) == "标题"
        assert str(LevelTitle._meta.get_field("title").verbose_name) == "称号"
        assert str(Question.Kind.NUMBER.label) == "数字"


PLURAL_NOUNS = (
    "supports|replies|reads|points|hours|households|floors|minutes|people|ballots|places|"
    "shifts|requests|answers|reports|residents|days|weeks|items|votes|topics"
)


def test_counts_in_templates_take_a_plural_form():
    """ "1 supports": a number shown before a noun goes through blocktranslate count (ngettext)."""
    import re

    block = re.compile(
        r"\{% blocktranslate (?P<args>[^%]*)%\}(?P<body>.*?)\{% endblocktranslate %\}", re.S
    )
    counted = re.compile(r"\{\{ *\w+ *\}\} (?:\w+ )?(?:" + PLURAL_NOUNS + r")\b")
    wrong = []
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "linli"]
    for root in roots:
        for html in (
            root.glob("**/templates/**/*.html") if root.name == "linli" else root.glob("**/*.html")
        ):
            for m in block.finditer(html.read_text()):
                if "count " not in m["args"] and counted.search(m["body"]):
                    wrong.append(f"{html.relative_to(settings.BASE_DIR)}: {m['body']}")
    assert not wrong, "\n".join(wrong)


def test_python_messages_with_a_count_take_a_plural_form():
    import re

    wrong = [
        f"{py.relative_to(settings.BASE_DIR)}: {m.group(0)}"
        for py in (Path(settings.BASE_DIR) / "linli").glob("**/*.py")
        if "tests" not in py.parts and "migrations" not in py.parts
        for m in re.finditer(r'"[^"\n]*[a-z]\(s\)[^"\n]*"', py.read_text())
    ]
    assert not wrong, "\n".join(wrong)


def test_the_shift_swap_list_is_translated():
    import datetime

    from django.utils import timezone, translation

    from linli.volunteers.forms import SwapForm

    class Shift:
        pk, title, free = 1, "Sweeping", 1
        starts_at = timezone.make_aware(datetime.datetime(2026, 12, 5, 9, 0))

    with translation.override("zh-hans"):
        form = SwapForm(targets=[Shift()])
        ((_pk, label),) = form.fields["to_shift"].choices
    assert label == "Sweeping · 12-05 09:00 · 剩余 1 个名额"
