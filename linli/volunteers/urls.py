from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("volunteers/", views.index, name="index"),
    path("volunteers/me/", views.me, name="me"),
    path("volunteers/n/<slug:slug>/", views.shift_list, name="shift-list"),
    path("volunteers/n/<slug:slug>/new/", views.shift_new, name="shift-new"),
    path("volunteers/shifts/<int:pk>/", views.shift_detail, name="shift-detail"),
    path("volunteers/shifts/<int:pk>/signup/", views.signup_create, name="signup-create"),
    path("volunteers/shifts/<int:pk>/confirm/", views.shift_confirm, name="shift-confirm"),
    path("volunteers/shifts/<int:pk>/edit/", views.shift_edit, name="shift-edit"),
    path("volunteers/shifts/<int:pk>/cancel/", views.shift_cancel, name="shift-cancel"),
    path("volunteers/signups/<int:pk>/cancel/", views.signup_cancel, name="signup-cancel"),
    path("volunteers/signups/<int:pk>/swap/", views.signup_swap, name="signup-swap"),
    path("volunteers/people/<int:pk>/", views.person, name="person"),
]
