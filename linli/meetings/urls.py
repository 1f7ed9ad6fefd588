from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.index, name="index"),
    path("meetings/n/<slug:slug>/", views.meeting_list, name="meeting-list"),
    path("meetings/n/<slug:slug>/calendar.ics", views.meeting_feed, name="meeting-feed"),
    path("meetings/n/<slug:slug>/new/", views.meeting_new, name="meeting-new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/agenda/", views.agenda_add, name="agenda-add"),
    path("meetings/<int:pk>/attendance/", views.attendance_sheet, name="attendance-sheet"),
    path("meetings/<int:pk>/sign-in/", views.sign_in, name="sign-in"),
    path("meetings/<int:pk>/minutes/", views.minute_add, name="minute-add"),
    path("meetings/<int:pk>/minutes/publish/", views.minutes_publish, name="minutes-publish"),
    path("meetings/points/<int:pk>/request/", views.point_to_request, name="point-request"),
    path("meetings/points/<int:pk>/decision/", views.point_to_decision, name="point-decision"),
]
