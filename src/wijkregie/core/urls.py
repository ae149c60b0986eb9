from django.urls import path

from . import views, views_achtergrond

app_name = "core"
urlpatterns = [
    path("health", views.health, name="health"),
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/tweestaps/", views.tweestaps, name="tweestaps"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("account/activeren/", views.activatie_complete, name="activeren"),
    path("account/activeren/<str:token>/", views.activeren_link, name="activeren_link"),
    # Documents made in the background (core/achtergrond.py): the job's random id is all the URL holds.
    path("bestanden/<uuid:id>/", views_achtergrond.bestand, name="bestand"),
    path("bestanden/<uuid:id>/downloaden/", views_achtergrond.bestand_downloaden, name="bestand_downloaden"),
    path("bestanden/<uuid:id>/opnieuw/", views_achtergrond.bestand_opnieuw, name="bestand_opnieuw"),
]
