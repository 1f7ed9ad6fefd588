from django.urls import path

from . import pick

app_name = "core"

urlpatterns = [
    path("links/search/", pick.link_search, name="link-search"),
]
