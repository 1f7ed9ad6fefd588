from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("staff/n/<slug:slug>/audit/", views.audit_log, name="audit-log"),
    path("me/audit/", views.audit_mine, name="audit-mine"),
]
