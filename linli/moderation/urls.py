from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("staff/n/<slug:slug>/moderation/", views.case_queue, name="case-queue"),
    path("staff/n/<slug:slug>/moderation/words/", views.word_list, name="word-list"),
    path("staff/moderation/<int:pk>/review/", views.case_review, name="case-review"),
    path("moderation/<int:pk>/appeal/", views.case_appeal, name="case-appeal"),
]
