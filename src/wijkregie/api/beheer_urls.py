"""The staff page for partner API keys (not part of the API: a session page under the access policy)."""

from django.urls import path

from . import beheer

app_name = "apibeheer"

urlpatterns = [
    path("beheer-api-sleutels/", beheer.sleutels, name="sleutels"),
]
