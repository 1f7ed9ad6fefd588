from django.urls import path

from .views import accounts, owners, pages, privacy, staff

app_name = "community"

urlpatterns = [
    path("n/<slug:slug>/", pages.neighborhood_detail, name="neighborhood-detail"),
    path("buildings/<int:pk>/", pages.building_detail, name="building-detail"),
    path("me/", pages.profile, name="profile"),
    path("me/household/", pages.household_mine, name="household-mine"),
    path("me/data/", privacy.my_data, name="my-data"),
    path("me/delete/", privacy.account_delete, name="account-delete"),
    path("accounts/verify/", accounts.verification_request, name="verification-request"),
    path("staff/", staff.staff_index, name="staff-index"),
    path("staff/n/<slug:slug>/", staff.staff_dashboard, name="staff-dashboard"),
    path("staff/n/<slug:slug>/households/", staff.household_list, name="household-list"),
    path(
        "staff/n/<slug:slug>/households/import/",
        staff.household_import_view,
        name="household-import",
    ),
    path("staff/n/<slug:slug>/invitations/", staff.invitation_index, name="invitation-index"),
    path("staff/n/<slug:slug>/verifications/", staff.verification_list, name="verification-list"),
    path("staff/n/<slug:slug>/roles/", staff.role_list, name="role-list"),
    path("staff/n/<slug:slug>/owners/", owners.owner_register, name="owner-register"),
    path("staff/n/<slug:slug>/owners/import/", owners.owner_import_view, name="owner-import"),
    path("staff/households/<int:pk>/owners/", owners.unit_owners_edit, name="unit-owners-edit"),
    path("staff/roles/<int:pk>/revoke/", staff.role_revoke, name="role-revoke"),
    path("staff/street/<int:pk>/roles/", staff.street_role_list, name="street-role-list"),
    path(
        "staff/street-roles/<int:pk>/revoke/",
        staff.street_role_revoke,
        name="street-role-revoke",
    ),
    path(
        "staff/verifications/<int:pk>/decide/",
        staff.verification_decide,
        name="verification-decide",
    ),
    path("staff/households/<int:pk>/", staff.household_detail, name="household-detail"),
    path("staff/households/<int:pk>/verify/", staff.household_verify, name="household-verify"),
    path(
        "staff/households/<int:pk>/codes/",
        staff.household_code_generate,
        name="household-code-generate",
    ),
    path(
        "staff/households/<int:pk>/codes/revoke/",
        staff.household_code_revoke,
        name="household-code-revoke",
    ),
]
