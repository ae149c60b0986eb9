"""/portaal/: the partner portal (docs/portaal.md). Its own login; no staff session counts here."""

from django.urls import path

from . import beheer, views

app_name = "portaal"
urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", views.inloggen, name="inloggen"),
    path("inloggen/tweestaps/", views.tweestaps, name="tweestaps"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("activeren/", views.activatie_complete, name="activeren"),  # ?t=: the one-time link's token
    path("verwijzen/", views.verwijzen, name="verwijzen"),
    path("verwijzingen/", views.verwijzingen, name="verwijzingen"),
    path("verwijzing/", views.verwijzing, name="verwijzing"),  # ?id=: the referral's id, as in the API
    path("signaal/", views.signaal, name="signaal"),
    path("casussen/", views.casussen, name="casussen"),
    # The casus is named by the organisation's own opaque id, in the query string (?casus=).
    path("plan/", views.plan, name="plan"),
    # A staff page (the functioneel beheerder's), not a portal page: the portal's accounts.
    path("beheer/accounts/", beheer.accounts, name="beheer_accounts"),
]
