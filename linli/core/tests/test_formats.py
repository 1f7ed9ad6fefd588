"""Numbers, dates and times as people read them, and as browsers take them in inputs
(linli/core/formats/, the percent filter in linli/core/templatetags/linli.py)."""

import datetime
import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

import linli
from linli.core.templatetags.linli import percent


def test_percentages_are_rounded_not_cut_off():
    assert percent(7099, 10000) == "71.0%"
    assert percent(7094, 10000) == "70.9%"
    assert percent(98, 100) == "98.0%"
    assert percent(1, 3) == "33.3%"
    assert percent(2, 3) == "66.7%"
    assert percent(1, 0) == "–"
    assert percent(None, 3) == "–"


def _form_classes():
    for info in pkgutil.walk_packages(linli.__path__, "linli."):
        if not info.name.endswith(".forms") and ".forms." not in info.name:
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


WHEN = datetime.datetime(2026, 12, 5, 14, 30)
ISO = {
    "date": re.compile(r"^2026-12-05$"),
    "datetime-local": re.compile(r"^2026-12-05[T ]14:30(:00)?$"),
    "time": re.compile(r"^14:30(:00)?$"),
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_date_and_time_input_is_given_an_iso_value(language):
    """<input type="date"> takes only 2026-12-05: the Chinese input format 2026/12/05 left the
    field empty in the browser."""
    checked, wrong = 0, []
    with translation.override(language):
        for cls in _form_classes():
            for name, field in cls.base_fields.items():
                kind = getattr(field.widget, "input_type", None)
                if kind not in ISO:
                    continue
                value = {"date": WHEN.date(), "time": WHEN.time()}.get(kind, WHEN)
                shown = field.widget.format_value(value)
                checked += 1
                if not ISO[kind].match(str(shown)):
                    wrong.append(f"{cls.__module__}.{cls.__name__}.{name}: {shown}")
    assert checked >= 10
    assert not wrong, wrong


def test_english_times_do_not_end_in_a_double_period():
    when = datetime.datetime(2026, 12, 5, 15, 0, tzinfo=datetime.UTC)
    template = Template(
        '{% blocktranslate with when=t|date:"SHORT_DATETIME_FORMAT" %}Published at {{ when }}.{% endblocktranslate %}'
        ' {{ t|date:"DATETIME_FORMAT" }}. {{ t|time }}.'
    )
    with translation.override("en"):
        text = template.render(Context({"t": when}))
    assert ".." not in text and "p.m" not in text
    assert "11:00 PM" in text  # 15:00 UTC is 23:00 in Shanghai
