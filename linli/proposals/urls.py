from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("proposals/", views.index, name="index"),
    path("proposals/n/<slug:slug>/", views.proposal_list, name="proposal-list"),
    path("proposals/n/<slug:slug>/new/", views.proposal_new, name="proposal-new"),
    path("proposals/n/<slug:slug>/threshold/", views.rule_edit, name="rule"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/support/", views.support, name="support"),
    path("proposals/<int:pk>/answer/", views.answer, name="answer"),
]
