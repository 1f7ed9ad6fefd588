from django.urls import path

from . import views

app_name = "consult"

urlpatterns = [
    path("consult/", views.consultation_index, name="consultation-index"),
    path("consult/n/<slug:slug>/", views.consultation_list, name="consultation-list"),
    path("consult/n/<slug:slug>/new/", views.consultation_create, name="consultation-create"),
    path("consult/<int:pk>/", views.consultation_detail, name="consultation-detail"),
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
