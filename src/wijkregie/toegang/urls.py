from django.urls import path

from . import publiek, views

app_name = "toegang"
urlpatterns = [
    path("aanmeldingen/nieuw/", views.aanmelding_nieuw, name="aanmelding_nieuw"),
    path("aanmeldingen/<int:pk>/", views.aanmelding, name="aanmelding"),
    path("aanmeldingen/<int:pk>/triage/", views.triage, name="triage"),
    path("aanmeldingen/<int:pk>/toedelen/", views.toedelen, name="toedelen"),
    path("aanmeldingen/<int:pk>/eerste-contact/", views.eerste_contact, name="eerste_contact"),
    path("aanmeldingen/<int:pk>/koppelen/", views.koppelen, name="koppelen"),
    path("bureaudienst/", views.bureaudienst, name="bureaudienst"),
    path("wachtlijst/", views.wachtlijst, name="wachtlijst"),
    path("signalen/", views.signalen, name="signalen"),
    path("signalen/nieuw/", views.signaal_nieuw, name="signaal_nieuw"),
    path("signalen/<int:pk>/", views.signaal, name="signaal"),
    path("hulp/<slug:gemeente>/", publiek.hulp_vragen, name="hulp_vragen"),
    path("hulp/<slug:gemeente>/verstuurd/", publiek.hulp_verstuurd, name="hulp_verstuurd"),
]
