"""The demo's owner registers: realistic ownership in both compounds, apart from residents."""

import pytest
from django.db.models import Count

from linli.community.demo import load
from linli.community.models import Compound, Household, Owner, OwnerUnit, Role


@pytest.mark.django_db
def test_the_demo_has_an_owner_register_in_each_compound():
    load()
    for compound in Compound.objects.all():
        units = Household.objects.filter(building__compound=compound).count()
        recorded = OwnerUnit.objects.filter(compound=compound).values("household").distinct()
        assert 0.95 * units <= recorded.count() < units  # a few left to record
    co_owned = OwnerUnit.objects.values("household").annotate(n=Count("id")).filter(n__gt=1)
    assert co_owned.count() > 200
    several = Owner.objects.annotate(n=Count("units")).filter(n__gt=1, is_developer=False)
    assert several.count() >= 10
    # The owners of let flats live elsewhere.
    let = OwnerUnit.objects.filter(household__owner_occupied=False, owner__is_developer=False)
    assert let.exists() and not let.filter(owner__resident__isnull=False).exists()
    developer = Owner.objects.get(is_developer=True)
    assert developer.compound.name == "樱桃苑" and developer.units.count() == 10
    assert Owner.objects.get(identity="demo-sun").units.count() == 3


@pytest.mark.django_db
def test_each_compound_has_its_own_owners_committee():
    load()
    served = set(
        Role.objects.filter(kind=Role.Kind.OWNERS_COMMITTEE).values_list(
            "compound__name", flat=True
        )
    )
    assert served == {"滨江花园", "樱桃苑"}
    assert Role.objects.get(person__username="owners").compound.name == "滨江花园"
