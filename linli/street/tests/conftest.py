from datetime import timedelta

import pytest
from django.utils import timezone

from linli.office import actions as office
from linli.office.models import Category, Party
from linli.street.models import Department


@pytest.fixture
def category(tree):
    return Category.objects.create(
        neighborhood=tree.neighborhood,
        code="leak",
        name="漏水渗水",
        name_en="Leaks and damp",
        party=Party.PROPERTY_MANAGER,
        accept_hours=12,
        resolve_hours=120,
    )


@pytest.fixture
def submit(tree, category, people):
    from linli.community.models import Resident

    # Long-standing residents, so that spam screening lets several reports through.
    Resident.objects.update(date_joined=timezone.now() - timedelta(days=400))

    def _submit(who="resident", description="地下车库顶板漏水，修了三次还在漏。", **extra):
        people[who].refresh_from_db()
        return office.request_submit(
            reporter=people[who],
            neighborhood=tree.neighborhood,
            category=category,
            description=description,
            **extra,
        )

    return _submit


@pytest.fixture
def departments(tree, other_tree):
    from linli.community.models import Street

    elsewhere = Street.objects.create(name="别的街道", name_en="Another Street")
    return {
        "housing": Department.objects.create(
            street=tree.street, name="房屋管理办公室", name_en="Housing office", resolve_hours=120
        ),
        "police": Department.objects.create(
            street=tree.street, name="派出所", name_en="Police", resolve_hours=48
        ),
        "foreign": Department.objects.create(street=elsewhere, name="别处的房管办"),
    }
