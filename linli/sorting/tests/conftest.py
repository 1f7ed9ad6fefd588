import pytest

from linli.sorting.models import DropOffPoint


@pytest.fixture
def point(tree):
    p = DropOffPoint.objects.create(
        neighborhood=tree.neighborhood,
        compound=tree.compound,
        name="北门厢房",
        times="07:00-09:00, 18:00-20:00",
    )
    return p
