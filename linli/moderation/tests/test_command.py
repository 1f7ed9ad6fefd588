"""linli moderation score FILE|-"""

import io

import pytest
from django.core.management import CommandError, call_command

from .conftest import SPAM


@pytest.mark.django_db
def test_score_a_file(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text(SPAM, encoding="utf-8")
    out = io.StringIO()
    call_command("moderation", "score", str(path), stdout=out)
    text = out.getvalue()
    assert "decision: reject" in text and "金沙娱乐" in text and text.startswith("score: ")


@pytest.mark.django_db
def test_score_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("请问居委会，老年卡在哪里办？"))
    out = io.StringIO()
    call_command("moderation", "score", "-", stdout=out)
    assert "decision: publish" in out.getvalue()


@pytest.mark.django_db
def test_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="cannot read"):
        call_command("moderation", "score", "/nonexistent/post.txt")


@pytest.mark.django_db
def test_reasons_in_chinese(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text(SPAM, encoding="utf-8")
    out = io.StringIO()
    call_command("moderation", "score", str(path), "--language", "zh-hans", stdout=out)
    assert "赌博用语" in out.getvalue() and "decision: reject" in out.getvalue()
