"""The demo's owners' assemblies (one per compound, counted from its owner register) and the
building leader's printed follow-up sheet for the decision voting now."""

import pytest
from django.urls import reverse

from linli.community import demo as community_demo
from linli.community.models import Compound, Resident
from linli.decide import demo, tally
from linli.decide.models import Decision


@pytest.fixture
def loaded(db):
    community_demo.load()
    demo.load()


def test_each_compound_has_its_owners_assembly(loaded):
    for title, name in ((demo.FUND_TITLE, "滨江花园"), (demo.PM_TITLE, "樱桃苑")):
        d = Decision.objects.get(title=title)
        compound = Compound.objects.get(name=name)
        assert d.compound == compound and d.owners_only
        assert set(d.buildings.all()) == set(compound.buildings.all())
        assert d.electorate_size == compound.household_count
    pm = Decision.objects.get(title=demo.PM_TITLE)
    assert pm.is_voting and pm.ballots.exists()
    figures = {f["key"]: f for f in tally.count(pm)["rule"]["figures"]}
    # Owners of several flats and the developer's ten unsold flats count once: fewer heads than units.
    assert int(figures["turnout_heads"]["total"]) < pm.electorate_size


def test_the_leader_prints_the_sheet_of_building_7(loaded, client):
    leader = Resident.objects.get(username="leader")
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    roof = Decision.objects.get(title=demo.ROOF_TITLE)  # the decision voting now
    body = client.get(reverse("decide:decision-followup", args=[roof.pk])).content.decode()
    assert "7" in body and body.count('class="fu-box"') > 20
    assert "张梓萱" in body  # the demo resident of 7号楼 has not voted yet
