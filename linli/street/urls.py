from django.urls import path

from . import views

app_name = "street"

urlpatterns = [
    path("street/", views.street_index, name="index"),
    path("street/s/<int:pk>/", views.overview, name="overview"),
    path("street/s/<int:pk>/n/<slug:slug>/", views.neighborhood_figures, name="neighborhood"),
    path("street/s/<int:pk>/escalations/", views.escalation_list, name="escalation-list"),
    path("street/s/<int:pk>/departments/", views.department_list, name="department-list"),
    path(
        "street/s/<int:pk>/departments/<int:department_id>/",
        views.department_list,
        name="department-edit",
    ),
    path("street/escalations/<int:pk>/", views.escalation_detail, name="escalation-detail"),
    path("street/escalations/<int:pk>/route/", views.escalation_route, name="escalation-route"),
    path(
        "street/escalations/<int:pk>/answer/",
        views.escalation_close,
        {"how": "answer"},
        name="escalation-answer",
    ),
    path(
        "street/escalations/<int:pk>/return/",
        views.escalation_close,
        {"how": "return"},
        name="escalation-return",
    ),
    path("street/requests/<int:pk>/escalate/", views.escalation_create, name="escalation-create"),
    path("staff/n/<slug:slug>/escalations/", views.escalation_mine, name="escalation-mine"),
]
