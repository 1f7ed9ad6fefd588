from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("activities/", views.index, name="index"),
    path("activities/n/<slug:slug>/", views.activity_list, name="activity-list"),
    path("activities/n/<slug:slug>/calendar/", views.activity_calendar, name="activity-calendar"),
    path("activities/n/<slug:slug>/calendar.ics", views.activity_feed, name="activity-feed"),
    path("activities/n/<slug:slug>/new/", views.activity_new, name="activity-new"),
    path("activities/<int:pk>/", views.activity_detail, name="activity-detail"),
    path("activities/<int:pk>/register/", views.register, name="register"),
    path("activities/<int:pk>/checkin/", views.checkin, name="checkin"),
    path("activities/<int:pk>/photos/", views.photo_add, name="photo-add"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity-edit"),
    path("activities/<int:pk>/cancel/", views.activity_cancel, name="activity-cancel"),
    path(
        "activities/registrations/<int:pk>/cancel/",
        views.registration_cancel,
        name="registration-cancel",
    ),
    path("activities/registrations/<int:pk>/checkin/", views.checkin_staff, name="checkin-staff"),
]
