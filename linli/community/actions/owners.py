"""Writes to the owner register (业主名册) of a compound: who owns each unit.

Owners are recorded apart from residents (see models.Owner). A unit's owners are set as a
whole (`unit_owners_set`): co-owners are several entries, the same identity in one
compound is the same owner whatever unit it is written against, and an owner left with no
unit is removed from the register.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from linli.community.models import Compound, Household, Owner, OwnerUnit

DEVELOPER = "developer"


@dataclass(frozen=True)
class OwnerEntry:
    name: str
    phone: str = ""
    identity: str = ""
    is_developer: bool = False

    def key(self) -> str:
        """The owner's identity in the compound: as given, else the name with the phone."""
        if self.is_developer:
            return DEVELOPER
        return (self.identity.strip() or f"{self.name.strip()} {self.phone.strip()}".strip())[:64]


def check_entries(entries: list[OwnerEntry]) -> list[OwnerEntry]:
    """Clean and check a unit's owners; raises ValidationError with a message to show."""
    cleaned = []
    for e in entries:
        e = OwnerEntry(
            name=e.name.strip()[:60] if not e.is_developer else (e.name.strip() or _("developer")),
            phone=e.phone.strip(),
            identity=e.identity.strip(),
            is_developer=e.is_developer,
        )
        if not e.name:
            raise ValidationError(_("Enter the owner's name."))
        if len(e.phone) > 20 or any(ch not in "0123456789+- " for ch in e.phone):
            raise ValidationError(
                _("The phone number “%(phone)s” is not a phone number.") % {"phone": e.phone}
            )
        if len(e.identity) > 64:
            raise ValidationError(_("The owner identity is longer than 64 characters."))
        cleaned.append(e)
    keys = [e.key() for e in cleaned]
    if len(set(keys)) != len(keys):
        raise ValidationError(_("The same owner is listed twice for one unit."))
    if any(e.is_developer for e in cleaned) and len(cleaned) > 1:
        raise ValidationError(_("A unit held by the developer has no other owner."))
    return cleaned


def _require_manage(actor: Any, compound: Compound) -> None:
    if actor is not None and not actor.has_perm("community.manage_owners", compound):
        raise PermissionDenied(
            _("Only committee staff and this compound's owners' committee may change its owners.")
        )


def apply_owners(compound: Compound, by_household: dict[int, list[OwnerEntry]]) -> dict:
    """Set the owners of these units of one compound (already checked). Call inside a transaction.
    Returns {"owners_created": n, "units": n, "owners_removed": n}."""
    keys = {e.key() for entries in by_household.values() for e in entries}
    owners = {
        o.identity: o
        for o in Owner.objects.select_for_update().filter(compound=compound, identity__in=keys)
    }
    created = 0
    for entries in by_household.values():
        for e in entries:
            owner = owners.get(e.key())
            if owner is None:
                owner = Owner.objects.create(
                    neighborhood_id=compound.neighborhood_id,
                    compound=compound,
                    name=e.name,
                    phone=e.phone,
                    identity=e.key(),
                    is_developer=e.is_developer,
                )
                owners[owner.identity] = owner
                created += 1
            elif (owner.name, owner.phone) != (e.name, e.phone or owner.phone):
                owner.name, owner.phone = e.name, e.phone or owner.phone
                owner.save(update_fields=["name", "phone"])
    previous = set(
        OwnerUnit.objects.filter(household_id__in=by_household).values_list("owner_id", flat=True)
    )
    OwnerUnit.objects.filter(household_id__in=by_household).delete()
    OwnerUnit.objects.bulk_create(
        [
            OwnerUnit(
                owner=owners[e.key()],
                household_id=household_id,
                neighborhood_id=compound.neighborhood_id,
                compound=compound,
            )
            for household_id, entries in by_household.items()
            for e in entries
        ],
        batch_size=1000,
    )
    orphans = Owner.objects.filter(pk__in=previous, units__isnull=True)
    removed = orphans.count()
    orphans.delete()
    return {"owners_created": created, "units": len(by_household), "owners_removed": removed}


@transaction.atomic
def unit_owners_set(*, household: Household, actor: Any, owners: list[OwnerEntry]) -> list[Owner]:
    """Set who owns one unit (an empty list: no owner on record). Checked, then written, audited."""
    from linli.audit.actions import audit_record

    household = Household.objects.select_related("building__compound").get(pk=household.pk)
    compound = household.building.compound
    _require_manage(actor, compound)
    owners = check_entries(owners)
    before = list(
        OwnerUnit.objects.filter(household=household).values_list("owner__name", "owner__identity")
    )
    apply_owners(compound, {household.pk: owners})
    audit_record(
        actor=actor,
        action="community.unit_owners_set",
        target=household,
        neighborhood=household.neighborhood_id,
        target_label=f"{compound.name} {household.address}"[:200],
        before={"owners": [name for name, _identity in before]},
        after={"owners": [e.name for e in owners]},
    )
    return list(Owner.objects.filter(units__household=household).order_by("pk"))
