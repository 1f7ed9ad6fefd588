"""Roles: grant and revoke, never above one's own."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import (
    Building,
    Neighborhood,
    Resident,
    Role,
    Street,
)
from linli.notify.actions import notify


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
) -> Role:
    """Grant a role, only within the actor's authority (rules: community.grant_role; street staff
    by an administrator), never to the actor themselves; audited with who granted it."""
    if building is not None:
        neighborhood = building.neighborhood
    _refuse_own_role(person.pk, actor)
    if kind == Role.Kind.STREET_STAFF:
        if street is None or not (actor.is_superuser):
            raise PermissionDenied(_("Only an administrator may appoint street staff."))
    else:
        if neighborhood is None:
            raise ValidationError(_("Choose the neighborhood."))
        if kind == Role.Kind.BUILDING_LEADER and building is None:
            raise ValidationError(_("A building leader looks after one building: choose it."))
        if kind != Role.Kind.BUILDING_LEADER:
            building = None
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
        street=street if kind == Role.Kind.STREET_STAFF else None,
        neighborhood=None if kind == Role.Kind.STREET_STAFF else neighborhood,
        building=building,
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
        after={"kind": kind, "building": role.building_id, "street": role.street_id},
        always=True,
    )
    place = neighborhood or street
    notify(
        recipients=[person],
        kind="community.role_granted",
        params={
            "role": kind,
            "neighborhood": place.name if place else "",
            "neighborhood_en": place.name_en if place else "",
        },
        actor=actor,
    )
    return role


@transaction.atomic
def role_revoke(*, role: Role, actor: Resident) -> None:
    """Remove a role, only within the actor's authority (rules: community.revoke_role; street staff
    by an administrator), never the actor's own; audited with who removed it."""
    _refuse_own_role(role.person_id, actor)
    if role.kind == Role.Kind.STREET_STAFF:
        if not actor.is_superuser:
            raise PermissionDenied(_("Only an administrator may change street staff."))
    elif not actor.has_perm("community.revoke_role", role):
        raise PermissionDenied(
            _("You may remove only roles below your own, in a neighborhood where you grant roles.")
        )
    audit_record(
        actor=actor,
        action="community.role_revoke",
        target=role,
        subject=role.person_id,
        neighborhood=role.neighborhood_id,
        target_label=f"{role.person.username} · {role.kind}",
        before={"kind": role.kind, "building": role.building_id, "street": role.street_id},
        always=True,
    )
    role.delete()
