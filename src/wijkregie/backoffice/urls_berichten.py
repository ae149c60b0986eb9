"""The iWmo/iJw exchange's pages (included by backoffice/urls.py). Ids in query strings: no personal data."""

from django.urls import path

from . import views_berichten as views

urlpatterns: list = [
    path("backoffice/berichten/", views.berichten_overzicht, name="berichten"),
    path("backoffice/berichten/bestand/", views.bericht_download, name="bericht_download"),
    path("backoffice/berichten/klaar.zip", views.berichten_downloaden, name="berichten_downloaden"),
    path("backoffice/berichten/verzoek/", views.taak_beantwoorden, name="bericht_taak"),
    path("backoffice/berichten/inwoner/<int:pk>/", views.persoon_berichten, name="persoon_berichten"),
]
