from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from . import actions
from .models import (
    Building,
    Compound,
    Household,
    InvitationCode,
    Neighborhood,
    Resident,
    Role,
    Street,
    VerificationRequest,
)


@admin.register(Resident)
class ResidentAdmin(UserAdmin):
    list_display = (
        "username",
        "display_name",
        "real_name",
        "household",
        "verified_at",
        "is_active",
    )
    search_fields = ("username", "display_name", "real_name", "phone")
    list_select_related = ("household__building",)
    raw_id_fields = ("household",)
    fieldsets = UserAdmin.fieldsets + (
        (
            "Linli",
            {
                "fields": (
                    "display_name",
                    "real_name",
                    "phone",
                    "household",
                    "verified_at",
                    "language",
                    "is_adult",
                )
            },
        ),
    )


admin.site.register(Street)


@admin.register(Neighborhood)
class NeighborhoodAdmin(admin.ModelAdmin):
    list_display = ("name", "street", "slug", "household_count", "resident_count")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Compound)
class CompoundAdmin(admin.ModelAdmin):
    list_display = ("name", "neighborhood", "household_count")


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ("number", "compound", "household_count", "resident_count")
    list_filter = ("compound",)

    def save_model(self, request, obj, form, change):
        obj.neighborhood_id = obj.compound.neighborhood_id
        super().save_model(request, obj, form, change)


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ("__str__", "area", "owner_occupied")
    list_select_related = ("building",)
    raw_id_fields = ("building",)

    def save_model(self, request, obj, form, change):
        obj.neighborhood_id = obj.building.neighborhood_id
        super().save_model(request, obj, form, change)


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    """Roles change here too only through role_grant / role_revoke, so the rules (never one's
    own role) and the audit log hold for administrators: a role is added or deleted, not edited."""

    list_display = ("person", "kind", "street", "neighborhood", "building", "compound")
    list_filter = ("kind",)
    fields = ("person", "kind", "street", "neighborhood", "building", "compound")
    raw_id_fields = ("person", "building")

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        role = actions.role_grant(
            person=obj.person,
            kind=obj.kind,
            actor=request.user,
            street=obj.street,
            neighborhood=obj.neighborhood,
            building=obj.building,
            compound=obj.compound,
        )
        obj.pk = role.pk

    def delete_model(self, request, obj):
        actions.role_revoke(role=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for role in queryset.select_related("person"):
            actions.role_revoke(role=role, actor=request.user)


admin.site.register(
    InvitationCode,
    list_display=("household", "created_at", "expires_at", "used_at", "revoked_at"),
    raw_id_fields=("household", "used_by", "created_by"),
)
admin.site.register(
    VerificationRequest,
    list_display=("resident", "building", "room", "status"),
    raw_id_fields=("resident", "building", "decided_by"),
)
