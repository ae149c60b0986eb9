from django.urls import path

from . import views

app_name = "organisatie"
urlpatterns = [
    path("wijken/", views.wijken, name="wijken"),
    path("wijken/<slug:slug>/", views.wijk, name="wijk"),
    path("teams/", views.teams, name="teams"),
    path("teams/<slug:slug>/", views.team, name="team"),
    path("sociale-kaart/", views.sociale_kaart, name="sociale_kaart"),
    path("sociale-kaart/<int:pk>/", views.voorziening, name="voorziening"),
    path("mandaten/", views.mandaten, name="mandaten"),
    path("beheer/", views.beheer, name="beheer"),
    path("beheer/medewerkers/<int:pk>/tweestaps-opnieuw/", views.medewerker_tweestaps_reset,
         name="medewerker_tweestaps_opnieuw"),
    path("beheer/<slug:soort>/", views.beheer_lijst, name="beheer_lijst"),
    path("beheer/<slug:soort>/nieuw/", views.beheer_bewerk, name="beheer_nieuw"),
    path("beheer/<slug:soort>/<int:pk>/", views.beheer_bewerk, name="beheer_bewerk"),
]
