"""CBS pages (included by backoffice/urls.py). The period travels in the query string, never personal data."""

from django.urls import path

from . import views_cbs as views

urlpatterns: list = [
    path("backoffice/cbs/jeugd/", views.jeugd, name="cbs_jeugd"),
    path("backoffice/cbs/jeugd/bestand/", views.jeugd_bestand, name="cbs_jeugd_bestand"),
    path("backoffice/cbs/wmo/", views.wmo, name="cbs_wmo"),
    path("backoffice/cbs/wmo/cijfers.csv", views.wmo_csv, name="cbs_wmo_csv"),
]
