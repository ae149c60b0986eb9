"""Staff pages of the partner API (not the API itself: session pages under the access policy): the
functioneel beheerder's keys, and the regisseur's decisions on partners' proposals."""

from django.urls import path

from . import beheer, team

app_name = "apibeheer"

urlpatterns = [
    path("beheer-api-sleutels/", beheer.sleutels, name="sleutels"),
    # The regisseur's decision on partners' proposals for a casus (api/team.py).
    path("casussen/<int:pk>/partnervoorstellen/", team.voorstellen, name="voorstellen"),
]
