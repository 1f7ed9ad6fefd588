from django.urls import path

from . import views

app_name = "tokens"

urlpatterns = [
    path("me/tokens/", views.token_list, name="token-list"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
