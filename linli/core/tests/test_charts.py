import base64

from linli.core.charts import bar, line, pie


def test_charts_are_svg_images_without_script():
    for html in [
        bar("参与率", ["1号楼", "2号楼"], {"户": [90, 95]}),
        line("t", ["1月", "2月"], {"a": [1, 2]}),
        pie("p", {"a": 1, "b": 2}),
    ]:
        assert html.startswith('<img class="chart" src="data:image/svg+xml;base64,')
        svg = base64.b64decode(html.split("base64,")[1].split('"')[0]).decode()
        assert "<svg" in svg and "<script" not in svg
    assert (
        "1号楼"
        in base64.b64decode(
            bar("x", ["1号楼"], {"a": [1]}).split("base64,")[1].split('"')[0]
        ).decode()
    )


def test_charts_are_drawn_once_per_distinct_data_and_language(monkeypatch):
    from django.utils import translation

    from linli.core import charts

    calls = []
    real = charts._bar
    monkeypatch.setattr(charts, "_bar", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = charts.bar("t-once", ["a"], {"s": [1]})
    assert charts.bar("t-once", ["a"], {"s": [1]}) == first and len(calls) == 1
    charts.bar("t-once", ["a"], {"s": [2]})
    assert len(calls) == 2
    with translation.override("en"):
        charts.bar("t-once", ["a"], {"s": [1]})
    assert len(calls) == 3
