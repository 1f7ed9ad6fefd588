from django.urls import path

from . import views

app_name = "spaces"

urlpatterns = [
    path("spaces/", views.space_index, name="space-index"),
    path("spaces/mine/", views.booking_mine, name="booking-mine"),
    path("spaces/n/<slug:slug>/", views.space_list, name="space-list"),
    path("spaces/n/<slug:slug>/new/", views.space_edit, name="space-create"),
    path("spaces/n/<slug:slug>/queue/", views.booking_queue, name="booking-queue"),
    path("spaces/<int:pk>/", views.space_detail, name="space-detail"),
    path("spaces/<int:pk>/edit/", views.space_edit, name="space-edit"),
    path("spaces/<int:pk>/week/", views.space_week, name="space-week"),
    path(
        "spaces/bookings/<int:pk>/approve/",
        views.booking_decide,
        {"decision": "approve"},
        name="booking-approve",
    ),
    path(
        "spaces/bookings/<int:pk>/reject/",
        views.booking_decide,
        {"decision": "reject"},
        name="booking-reject",
    ),
    path(
        "spaces/bookings/<int:pk>/cancel/",
        views.booking_decide,
        {"decision": "cancel"},
        name="booking-cancel",
    ),
]
