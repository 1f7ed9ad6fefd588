from django.urls import path, re_path

from .views import dashboard, export, merge, open311, reception, requests, staff

app_name = "office"

FMT = r"(?P<fmt>json|xml)"

urlpatterns = [
    path("office/", requests.request_index, name="request-index"),
    path("office/n/<slug:slug>/requests/", requests.request_list, name="request-list"),
    path("office/n/<slug:slug>/requests/new/", requests.request_create, name="request-create"),
    path(
        "office/n/<slug:slug>/requests/similar/", requests.request_similar, name="request-similar"
    ),
    path("office/n/<slug:slug>/requests.<str:fmt>", export.request_export, name="request-export"),
    path("office/n/<slug:slug>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("office/n/<slug:slug>/categories/", staff.category_list, name="category-list"),
    path("office/n/<slug:slug>/categories/<int:pk>/", staff.category_list, name="category-edit"),
    path("office/n/<slug:slug>/open311-keys/", staff.apikey_list, name="apikey-list"),
    path("office/requests/<int:pk>/", requests.request_detail, name="request-detail"),
    path(
        "office/requests/<int:pk>/status/", requests.request_transition, name="request-transition"
    ),
    path("office/requests/<int:pk>/transfer/", requests.request_transfer, name="request-transfer"),
    path("office/requests/<int:pk>/follow/", requests.request_follow, name="request-follow"),
    path("office/requests/<int:pk>/rate/", requests.request_rate, name="request-rate"),
    path("office/requests/<int:pk>/reopen/", requests.request_reopen, name="request-reopen"),
    path("office/requests/<int:pk>/merge/", merge.request_merge_view, name="request-merge"),
    path("office/n/<slug:slug>/reception/", reception.reception_list, name="reception-list"),
    path(
        "office/n/<slug:slug>/reception/new/",
        reception.reception_day_create,
        name="reception-create",
    ),
    path("office/n/<slug:slug>/reception.ics", reception.reception_feed, name="reception-feed"),
    path("office/reception/<int:pk>/", reception.reception_detail, name="reception-detail"),
    path(
        "office/reception/<int:pk>/cancel/",
        reception.occurrence_change,
        {"what": "cancel"},
        name="occurrence-cancel",
    ),
    path(
        "office/reception/<int:pk>/move/",
        reception.occurrence_change,
        {"what": "move"},
        name="occurrence-move",
    ),
    path("office/reception/<int:pk>/minutes/", reception.minute_add, name="minute-add"),
    path("office/minutes/<int:pk>/request/", reception.minute_to_request, name="minute-to-request"),
    path("office/slots/<int:pk>/cancel/", reception.slot_cancel, name="slot-cancel"),
    path("office/me/calendar/", reception.feed_settings, name="feed-settings"),
    path("office/calendar/<str:token>.ics", reception.personal_feed, name="personal-feed"),
    # Open311 GeoReport v2
    re_path(rf"^open311/v2/discovery\.{FMT}$", open311.discovery, name="open311-discovery"),
    re_path(rf"^open311/v2/services\.{FMT}$", open311.service_list, name="open311-services"),
    re_path(
        rf"^open311/v2/services/(?P<code>[-a-zA-Z0-9_]{{1,40}})\.{FMT}$",
        open311.service_definition,
        name="open311-service",
    ),
    re_path(rf"^open311/v2/requests\.{FMT}$", open311.request_list, name="open311-requests"),
    re_path(
        rf"^open311/v2/requests/(?P<pk>[0-9]{{1,18}})\.{FMT}$",
        open311.request_detail,
        name="open311-request",
    ),
    re_path(
        rf"^open311/v2/tokens/(?P<token>[-a-fA-F0-9]{{1,40}})\.{FMT}$",
        open311.token_detail,
        name="open311-token",
    ),
]
