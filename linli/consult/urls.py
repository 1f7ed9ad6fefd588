from django.urls import path

from . import views
from .views import edits as edit_views

app_name = "consult"

urlpatterns = [
    path("consult/", views.consultation_index, name="consultation-index"),
    path("consult/n/<slug:slug>/", views.consultation_list, name="consultation-list"),
    path("consult/n/<slug:slug>/new/", views.consultation_create, name="consultation-create"),
    path("consult/n/<slug:slug>/new-draft/", edit_views.draft_create, name="draft-create"),
    path("consult/n/<slug:slug>/drafts/", edit_views.draft_list, name="draft-list"),
    path("consult/<int:pk>/", views.consultation_detail, name="consultation-detail"),
    path("consult/<int:pk>/edit/", edit_views.consultation_edit, name="consultation-edit"),
    path(
        "consult/<int:pk>/questions/<int:question_id>/edit/",
        edit_views.question_edit,
        name="question-edit",
    ),
    path("consult/<int:pk>/draft/publish/", edit_views.draft_publish, name="draft-publish"),
    path("consult/<int:pk>/draft/delete/", edit_views.draft_delete, name="draft-delete"),
    path("consult/<int:pk>/questions/new/", views.question_create, name="question-create"),
    path("consult/<int:pk>/participation/", views.participation, name="consultation-participation"),
    path("consult/<int:pk>/followup/", views.followup, name="consultation-followup"),
    path("consult/<int:pk>/remind/", views.remind, name="consultation-remind"),
    path("consult/<int:pk>/results/", views.results, name="consultation-results"),
    path("consult/<int:pk>/results/q/<int:question_id>/", views.text_answers, name="text-answers"),
    path(
        "consult/<int:pk>/answers/<int:answer_id>/moderate/", views.moderate, name="answer-moderate"
    ),
    path("consult/<int:pk>/publish/", views.publish, name="consultation-publish"),
    path("consult/<int:pk>/export.<str:fmt>", views.export, name="consultation-export"),
]
