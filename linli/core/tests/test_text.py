import pytest

from linli.core.text import render_markdown


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "<a href='http://x' onclick='alert(1)'>x</a>",
        "<style>body{}</style>",
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_markdown_tricks_are_neutralised(evil):
    import re

    html = render_markdown(evil)
    tags = re.findall(r"<[^>]+>", html)  # real tags only: escaped text reads &lt;…&gt;
    assert all(not re.search(r"\son\w+\s*=", t) for t in tags)
    assert all(t.split()[0].strip("</>") in {"p", "a"} for t in tags)
    assert not any("javascript:" in t or "data:" in t for t in tags)


def test_markdown_keeps_ordinary_formatting():
    html = render_markdown("# 标题\n\n**重要**：请看 [通知](https://example.org)\n\n- 一\n- 二")
    assert (
        "<h3>标题</h3>" in html
        and "<strong>重要</strong>" in html
        and 'rel="nofollow noopener noreferrer"' in html
        and "<li>一</li>" in html
    )
