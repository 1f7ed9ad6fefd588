"""The participation chart: buildings as ranked horizontal bars beside the table, in both
languages (the old vertical bars overprinted their building labels)."""

import re

import pytest
from django.utils import translation

from linli.consult import actions

from .conftest import choice


@pytest.mark.parametrize(
    "language,title",
    [("en", "Heard by building, highest first"), ("zh-hans", "各楼栋参与率（从高到低）")],
)
def test_participation_shows_buildings_highest_first_beside_the_table(
    people, login, survey, tree, language, title, django_assert_max_num_queries
):
    c = survey()
    actions.response_submit(
        consultation=c, actor=people["resident"], answers={c.q["use"].pk: choice(c.q["use"], "会")}
    )
    client = login(people["staff"])
    with translation.override(language), django_assert_max_num_queries(20):
        page = client.get(
            f"/consult/{c.pk}/participation/", headers={"accept-language": language}
        ).content.decode()
    assert title in page
    figure = page[page.index('<figure class="ranked">') : page.index("</figure>")]
    labels = re.findall(r'<span class="ranked-label">([^<]+)</span>', figure)
    b1 = tree.buildings[0]
    with translation.override(language):
        first = f"{b1.compound.name} {b1.label}"
    assert len(labels) == 2 and labels[0] == first  # the resident's building heard someone
    assert '<div class="chart-and-table">' in page and "<table>" in page
    assert '<img class="chart"' not in page
