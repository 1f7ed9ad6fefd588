"""A person's data: export and deletion; the maintained counters."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.community.models import (
    Building,
    Compound,
    Neighborhood,
    Resident,
)

from .common import _bump_counters


@transaction.atomic
def counters_refresh(*, neighborhood: Neighborhood) -> None:
    """Recount households and verified residents for a neighborhood (after an import or a load)."""
    verified = Q(households__residents__verified_at__isnull=False)
    for building in Building.objects.filter(neighborhood=neighborhood).annotate(
        h=Count("households", distinct=True), r=Count("households__residents", filter=verified)
    ):
        Building.objects.filter(pk=building.pk).update(
            household_count=building.h, resident_count=building.r
        )
    for compound in Compound.objects.filter(neighborhood=neighborhood).annotate(
        h=Sum("buildings__household_count"), r=Sum("buildings__resident_count")
    ):
        Compound.objects.filter(pk=compound.pk).update(
            household_count=compound.h or 0, resident_count=compound.r or 0
        )
    totals = Compound.objects.filter(neighborhood=neighborhood).aggregate(
        h=Sum("household_count"), r=Sum("resident_count")
    )
    Neighborhood.objects.filter(pk=neighborhood.pk).update(
        household_count=totals["h"] or 0, resident_count=totals["r"] or 0
    )


def resident_export(*, person: Resident) -> dict[str, Any]:
    """Everything Linli holds about a person, gathered from every app's privacy.py."""
    from linli.core.registry import app_modules

    person = Resident.objects.select_related(
        "household__building__compound", "household__neighborhood"
    ).get(pk=person.pk)
    data = {"exported_at": timezone.now().isoformat()}
    for module in app_modules("privacy"):
        data.update(module.export(person))
    return data


@transaction.atomic
def resident_delete(*, person: Resident, password: str) -> None:
    """Delete an account: personal data goes, public posts stay under "former resident", the household stays."""
    from linli.core.registry import app_modules

    person = Resident.objects.select_for_update().get(pk=person.pk)
    if not person.check_password(password):
        raise ValidationError({"password": _("The password is not right.")})
    for module in app_modules("privacy"):
        module.anonymise(person)
    if person.household_id and person.verified_at:
        _bump_counters(person.household_id, -1)
    person.username = f"deleted-{person.pk}"
    person.set_unusable_password()
    person.display_name = person.real_name = person.phone = person.email = person.first_name = (
        person.last_name
    ) = person.display_name_pending = ""
    person.household = None
    person.verified_at = None
    person.is_active = False
    person.is_staff = person.is_superuser = False
    person.deleted_at = timezone.now()
    person.save()
