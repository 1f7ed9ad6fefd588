from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("staff/n/<slug:slug>/levels/", views.levels_edit, name="levels-edit"),
]
