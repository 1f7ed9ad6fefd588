"""Art. 278 counted from a compound's owner register (community.Owner / OwnerUnit): co-owners of
one unit are one head, an owner of several units one head, the developer's unsold units one
head; the electorate and the floor areas are those of the compound's units only."""

from decimal import Decimal

from linli.community.actions.owners import OwnerEntry, unit_owners_set
from linli.community.models import Building, Compound, Household
from linli.decide import actions, tally

from .conftest import set_phase


def _ids(decision):
    return list(decision.options.order_by("position").values_list("id", flat=True))


def _paper(decision, staff, homes, option):
    for h in homes:
        actions.ballot_cast(
            decision=decision, actor=staff, household=h, channel="paper", option_ids=[option]
        )


def test_heads_come_from_the_owner_register(people, make_decision, art278_major, tree):
    homes = list(Household.objects.filter(neighborhood=tree.neighborhood).order_by("pk"))
    staff = people["staff"]
    # homes 0 and 1: 王 (and 李 co-owns home 0); homes 5-7: the developer.
    unit_owners_set(
        household=homes[0],
        actor=staff,
        owners=[OwnerEntry("王", "", "ID-1"), OwnerEntry("李", "", "ID-2")],
    )
    unit_owners_set(household=homes[1], actor=staff, owners=[OwnerEntry("王", "", "ID-1")])
    for h in homes[5:8]:
        unit_owners_set(household=h, actor=staff, owners=[OwnerEntry("", is_developer=True)])
    d = make_decision(rule=art278_major, options=("同意", "反对"), approves=(0,))
    yes, _no = _ids(d)
    _paper(d, staff, homes[:2], yes)
    figures = {f["key"]: f for f in tally.count(d)["rule"]["figures"]}
    # 王 (homes 0, 1), homes 2, 3, 4 (no owner on record: each its own), the developer → 5 heads.
    assert figures["turnout_heads"]["total"] == "5"
    assert figures["turnout_heads"]["value"] == "1"  # homes 0 and 1 are one owner


def test_an_owners_decision_of_one_compound_counts_only_its_units(
    people, make_decision, art278_major, tree
):
    other = Compound.objects.create(neighborhood=tree.neighborhood, name="二期")
    b9 = Building.objects.create(compound=other, neighborhood=tree.neighborhood, number="9")
    Household.objects.create(
        building=b9, neighborhood=tree.neighborhood, room="101", area=Decimal("500.00")
    )
    d = make_decision(
        rule=art278_major, options=("同意", "反对"), approves=(0,), buildings=tree.buildings
    )
    set_phase(d, "closed")
    figures = {f["key"]: f for f in tally.count(d)["rule"]["figures"]}
    area = sum(h.area for b in tree.buildings for h in b.homes)
    assert figures["turnout_area"]["total"] == str(area)
    assert figures["turnout_heads"]["total"] == "8"


def _form(compound, **extra):
    return {
        "title": "续筹维修资金",
        "method": "single",
        "unit": "resident",
        "compound": compound.pk,
        "voting_opens_at": "2030-01-01T09:00",
        "voting_closes_at": "2030-01-08T09:00",
        "options": "同意\n反对",
        **extra,
    }


def test_an_owners_assembly_of_one_compound_takes_its_buildings_without_ticking(
    people, tree, login
):
    from django.urls import reverse

    from linli.decide.models import Decision

    other = Compound.objects.create(neighborhood=tree.neighborhood, name="二期")
    b9 = Building.objects.create(compound=other, neighborhood=tree.neighborhood, number="9")
    Household.objects.create(building=b9, neighborhood=tree.neighborhood, room="1", area=90)
    client = login(people["secretary"])
    url = reverse("decide:decision-create", args=["nb"])
    response = client.post(url, _form(tree.compound))
    assert response.status_code == 302, response.content.decode()[-3000:]
    d = Decision.objects.get()
    assert d.compound == tree.compound
    assert set(d.buildings.all()) == set(tree.buildings)
    assert d.owners_only and d.unit == "household" and d.electorate_size == 8
    # A building of another compound ticked as well: refused with a message, nothing created.
    response = client.post(url, _form(tree.compound, buildings=[b9.pk]))
    assert response.status_code == 422 and Decision.objects.count() == 1
    assert "二期" in response.content.decode()


# decide.organise_owners_assembly on a compound: who may organise its owners' assembly.
# Columns: nb's compound (c1), a second compound of nb (c2), the other neighborhood's compound.
# fmt: off
ORGANISE = {
    "secretary":    "y    y    -",
    "staff":        "y    y    -",
    "leader":       "-    -    -",
    "owners":       "y    y    -",
    "property":     "-    -    -",
    "resident":     "-    -    -",
    "housemate":    "-    -    -",
    "neighbour":    "-    -    -",
    "far_resident": "-    -    -",
    "street_staff": "-    -    -",
    "other_staff":  "-    -    y",
    "unverified":   "-    -    -",
    "anonymous":    "-    -    -",
    "owners2":      "-    y    -",
}
# fmt: on


def test_who_organises_an_owners_assembly(people, tree, other_tree):
    from datetime import timedelta

    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from linli.community.models import Role
    from linli.community.testing import make_person
    from linli.decide.models import Decision

    c2 = Compound.objects.create(neighborhood=tree.neighborhood, name="二期")
    Building.objects.create(compound=c2, neighborhood=tree.neighborhood, number="9")
    owners2 = make_person("owners2")
    Role.objects.create(
        person=owners2, kind=Role.Kind.OWNERS_COMMITTEE, neighborhood=tree.neighborhood, compound=c2
    )
    cast = {**people, "owners2": owners2}
    assert set(ORGANISE) == set(cast)
    now = timezone.now()
    for role, row in ORGANISE.items():
        got = []
        for compound in (tree.compound, c2, other_tree.compound):
            got.append(
                "y" if cast[role].has_perm("decide.organise_owners_assembly", compound) else "-"
            )
            if role in ("owners2", "owners", "other_staff"):
                # The action asks too: another compound's owners' committee is refused.
                try:
                    actions.decision_create(
                        neighborhood=compound.neighborhood,
                        actor=cast[role],
                        title="t",
                        compound=compound,
                        voting_opens_at=now,
                        voting_closes_at=now + timedelta(days=1),
                        options=["同意", "反对"],
                    )
                    made = "y"
                except PermissionDenied:
                    made = "-"
                assert made == got[-1], (role, compound)
        assert got == row.split(), role
    assert Decision.objects.filter(compound=c2).count() == 2
    assert not Decision.objects.filter(compound=tree.compound, created_by=owners2).exists()
