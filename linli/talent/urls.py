from django.urls import path

from . import views

app_name = "talent"

urlpatterns = [
    path("talent/", views.index, name="index"),
    path("talent/match/", views.match_any, name="match-any"),
    path("talent/me/", views.mine, name="mine"),
    path("talent/me/withdraw/", views.withdraw, name="withdraw"),
    path(
        "talent/invitations/<int:pk>/respond/", views.invitation_respond, name="invitation-respond"
    ),
    path("talent/p/<int:pk>/", views.profile_detail, name="profile-detail"),
    path("talent/n/<slug:slug>/", views.profile_list, name="profile-list"),
    path("talent/n/<slug:slug>/skills/", views.skill_list, name="skill-list"),
    path("talent/n/<slug:slug>/invitations/", views.invitation_list, name="invitation-list"),
    path("talent/n/<slug:slug>/match/", views.match, name="match"),
]
