from django.urls import path

from . import views

app_name = "sorting"

urlpatterns = [
    path("sorting/", views.index, name="index"),
    path("sorting/n/<slug:slug>/", views.guide, name="guide"),
    path("sorting/n/<slug:slug>/suggest/", views.suggest, name="suggest"),
    path("sorting/n/<slug:slug>/manage/", views.manage, name="manage"),
    path("sorting/n/<slug:slug>/collection.ics", views.collection_feed, name="collection-feed"),
    path("sorting/n/<slug:slug>/scoreboard/", views.scoreboard, name="scoreboard"),
    path("sorting/n/<slug:slug>/checks/new/", views.check_new, name="check-new"),
    path("sorting/items/<int:pk>/", views.item_detail, name="item-detail"),
    path("sorting/suggestions/<int:pk>/decide/", views.suggestion_decide, name="suggestion-decide"),
    path("sorting/items/<int:pk>/delete/", views.item_delete, name="item-delete"),
    path("sorting/buildings/<int:pk>/", views.building_record, name="building-record"),
]
