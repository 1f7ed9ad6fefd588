"""Ranked horizontal bars (core/charts.py ranked_bars): highest first, labels as text."""

import re

from linli.core.charts import ranked_bars


def test_rows_come_highest_first_with_bars_as_wide_as_their_rate():
    html = ranked_bars(
        "Heard",
        [
            {"label": "Building 2", "values": [50, 40], "texts": ["50%"]},
            {"label": "Building 10", "values": [98.4, 97], "texts": ["98.4%"]},
            {"label": "Building 1", "values": [120, -3], "texts": ["?"]},
        ],
        legend=("households", "residents"),
        note="See the table.",
    )
    labels = re.findall(r'<span class="ranked-label">([^<]+)</span>', html)
    assert labels == ["Building 1", "Building 10", "Building 2"]
    widths = re.findall(r'class="fill fill-0" y="0" width="([\d.]+)"', html)
    assert widths == ["100.0", "98.4", "50.0"]  # clamped to 0–100
    assert re.findall(r'class="fill fill-1" y="12" width="([\d.]+)"', html)[0] == "0.0"
    assert 'aria-hidden="true"' in html  # screen readers read the table beside it
    assert "style=" not in html  # the CSP refuses inline styles
    assert "See the table." in html and "households" in html
