"""Roles: grant and revoke, never above one's own."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import (
    Building,
    Compound,
    Neighborhood,
    Resident,
    Role,
    Street,
)
from linli.notify.actions import notify

from ..predicates import STREET_KINDS


def _refuse_own_role(person_id: int | None, actor: Resident) -> None:
    if person_id == actor.pk:
        raise PermissionDenied(
            _("Nobody grants or removes a role of their own; ask who is above you.")
        )


@transaction.atomic
def role_grant(
    *,
    person: Resident,
    kind: str,
    actor: Resident,
    neighborhood: Neighborhood | None = None,
    building: Building | None = None,
    street: Street | None = None,
    compound: Compound | None = None,
) -> Role:
    """Grant a role, only within the actor's authority (rules: community.grant_role): in a
    neighborhood below the actor's rank there; in a street (street staff) by the head of that
    street office; the head by an administrator. Never to the actor themselves; audited with
    who granted it.

    The owners' committee and the property manager may serve one compound (`compound`: the
    owners' assembly is a compound's); without one they serve every compound of the neighborhood."""
    if building is not None:
        neighborhood = building.neighborhood
    _refuse_own_role(person.pk, actor)
    if kind in STREET_KINDS:
        if street is None:
            raise ValidationError(_("Choose the street."))
        neighborhood = building = compound = None
        candidate = Role(person=person, kind=kind, street=street)
        if not actor.has_perm("community.grant_role", candidate):
            raise PermissionDenied(
                _("Only the head of the street office grants street staff, and only there.")
            )
    else:
        if neighborhood is None:
            raise ValidationError(_("Choose the neighborhood."))
        if kind == Role.Kind.BUILDING_LEADER and building is None:
            raise ValidationError(_("A building leader looks after one building: choose it."))
        if kind != Role.Kind.BUILDING_LEADER:
            building = None
        if kind not in (Role.Kind.OWNERS_COMMITTEE, Role.Kind.PROPERTY_MANAGER):
            compound = None
        elif compound is not None and compound.neighborhood_id != neighborhood.pk:
            raise ValidationError(_("Choose a compound of this neighborhood."))
        candidate = Role(person=person, kind=kind, neighborhood=neighborhood, building=building)
        if not actor.has_perm("community.grant_role", candidate):
            raise PermissionDenied(
                _(
                    "You may grant only roles below your own, in a neighborhood where you grant roles."
                )
            )
    role, created = Role.objects.get_or_create(
        person=person,
        kind=kind,
        street=street if kind in STREET_KINDS else None,
        neighborhood=None if kind in STREET_KINDS else neighborhood,
        building=building,
        compound=compound,
        defaults={"granted_by": actor},
    )
    if not created:
        raise ValidationError(
            _("%(person)s already holds this role.") % {"person": person.public_name}
        )
    audit_record(
        actor=actor,
        action="community.role_grant",
        target=role,
        subject=person,
        neighborhood=role.neighborhood_id,
        target_label=f"{person.username} · {kind}",
        after={
            "kind": kind,
            "building": role.building_id,
            "street": role.street_id,
            "compound": role.compound_id,
        },
        always=True,
    )
    place = compound or neighborhood or street
    notify(
        recipients=[person],
        kind="community.role_granted",
        params={
            "role": kind,
            "neighborhood": place.name if place else "",
            "neighborhood_en": getattr(place, "name_en", "") if place else "",
        },
        actor=actor,
    )
    return role


@transaction.atomic
def role_revoke(*, role: Role, actor: Resident) -> None:
    """Remove a role, only within the actor's authority (rules: community.revoke_role: below
    one's rank in that neighborhood, or in that street for the head of the street office; the
    head by an administrator), never the actor's own; audited with who removed it."""
    _refuse_own_role(role.person_id, actor)
    if not actor.has_perm("community.revoke_role", role):
        raise PermissionDenied(
            _("You may remove only roles below your own, where you grant roles.")
        )
    audit_record(
        actor=actor,
        action="community.role_revoke",
        target=role,
        subject=role.person_id,
        neighborhood=role.neighborhood_id,
        target_label=f"{role.person.username} · {role.kind}",
        before={
            "kind": role.kind,
            "building": role.building_id,
            "street": role.street_id,
            "compound": role.compound_id,
        },
        always=True,
    )
    role.delete()
