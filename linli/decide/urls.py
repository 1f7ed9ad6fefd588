from django.urls import path

from . import views
from .views import edits as edit_views

app_name = "decide"

urlpatterns = [
    path("decide/", views.decision_index, name="decision-index"),
    path("decide/n/<slug:slug>/", views.decision_list, name="decision-list"),
    path("decide/n/<slug:slug>/new/", views.decision_create, name="decision-create"),
    path("decide/n/<slug:slug>/owners/", views.ownership_list, name="ownership-list"),
    path("decide/n/<slug:slug>/rules/", views.rule_list, name="rule-list"),
    path("decide/n/<slug:slug>/drafts/", edit_views.draft_list, name="draft-list"),
    path("decide/<int:pk>/", views.decision_detail, name="decision-detail"),
    path("decide/<int:pk>/edit/", edit_views.decision_edit, name="decision-edit"),
    path(
        "decide/<int:pk>/options/<int:option_id>/edit/",
        edit_views.option_edit,
        name="option-edit",
    ),
    path("decide/<int:pk>/draft/publish/", edit_views.draft_publish, name="draft-publish"),
    path("decide/<int:pk>/draft/delete/", edit_views.draft_delete, name="draft-delete"),
    path("decide/<int:pk>/vote/", views.ballot_cast, name="ballot-cast"),
    path("decide/<int:pk>/comments/", views.comment_create, name="comment-create"),
    path("decide/<int:pk>/options/new/", views.option_create, name="option-create"),
    path("decide/<int:pk>/participation/", views.participation, name="decision-participation"),
    path("decide/<int:pk>/followup/", views.followup, name="decision-followup"),
    path("decide/<int:pk>/ballots/enter/", views.ballot_enter, name="ballot-enter"),
    path("decide/<int:pk>/receipt/", views.receipt_check, name="receipt-check"),
    path("decide/<int:pk>/remind/", views.decision_remind, name="decision-remind"),
    path("decide/<int:pk>/results/", views.results, name="decision-results"),
    path("decide/<int:pk>/publish/", views.decision_publish, name="decision-publish"),
    path("decide/<int:pk>/next-round/", views.next_round, name="decision-next-round"),
    path("decide/<int:pk>/notice/", views.decision_notice, name="decision-notice"),
]
