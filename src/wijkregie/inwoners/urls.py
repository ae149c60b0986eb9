from django.urls import path

from . import views

app_name = "inwoners"
urlpatterns = [
    path("personen/", views.zoeken, name="personen"),
    path("personen/nieuw/", views.nieuw, name="persoon_nieuw"),
    path("personen/<int:pk>/", views.persoon, name="persoon"),
    path("personen/<int:pk>/bewerken/", views.bewerken, name="persoon_bewerken"),
    path("personen/<int:pk>/huishouden/", views.huishouden, name="huishouden"),
]
