from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [
    path("notifications/", views.notification_list, name="notification-list"),
    path("notifications/read/", views.notification_read_all, name="notification-read-all"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification-open"),
    path("me/notifications/", views.preferences, name="preferences"),
    path("me/email/", views.email_settings, name="email"),
    path("me/email/confirm/<str:token>/", views.email_confirm, name="email-confirm"),
]
