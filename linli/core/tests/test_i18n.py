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
